// `cpx-lint --from-aws` against the local stand-in for AWS: in process through main(), and the
// built dist/cli.js as a child process (which loads the SDK from dist/aws.js).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PipelineSource } from '../../src/aws';
import { main } from '../../src/cli/main';
import { CROSS_ACCOUNT, LOCKED, REGION } from '../support/aws-recordings';
import { ENV_KEY, useFakeAws } from '../support/aws-sandbox';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

const aws = useFakeAws();

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (text) => { out += text; }, (text) => { err += text; });
  return { code, out, err };
}

/** A one-line error on stderr, no usage text, no stack. */
function assertOneLine(err: string): void {
  assert.match(err, /^cpx-lint: [^\n]+\n$/);
}

describe('cpx-lint --from-aws', () => {
  it('lints the deployed pipeline: CPX-R01 on the CloudFormation role, exit 1, only GetPipeline called', async () => {
    const { code, out } = await cli('--from-aws', CROSS_ACCOUNT, '--profile', 'tools', '--format', 'json');
    assert.equal(code, 1);
    const [report] = JSON.parse(out) as { file: string; kind: string; findings: { ruleId: string; severity: string; startLine: number; startColumn: number }[] }[];
    assert.equal(report.file, `arn:aws:codepipeline:${REGION}:111111111111:${CROSS_ACCOUNT}`);
    assert.equal(report.kind, 'pipeline-output');
    // The positions are those of the text GetPipeline gives, as the AWS CLI prints it.
    const text = (await new PipelineSource({ profile: 'tools', region: REGION, sso: false }).getPipeline(CROSS_ACCOUNT)).text;
    const lines = text.split('\n');
    const line = lines.findIndex((candidate) => candidate.includes('role/cloudformation-deployer'));
    const column = lines[line].indexOf('"arn:aws:iam::222222222222');
    assert.deepEqual(
      report.findings.filter((finding) => finding.ruleId === 'CPX-R01').map((finding) => [finding.severity, finding.startLine, finding.startColumn]),
      [['error', line + 1, column + 1]],
    );
    assert.deepEqual(aws().calls.map((call) => [call.operation, call.region, call.input.name]), [['GetPipeline', REGION, CROSS_ACCOUNT], ['GetPipeline', REGION, CROSS_ACCOUNT]]);
  });

  it('exits 0 on a pipeline without errors; --region wins over the profile', async () => {
    const { code } = await cli('--from-aws', 'app-build', '--profile', 'tools', '--region', 'eu-central-1');
    assert.equal(code, 0);
    assert.deepEqual(aws().calls.map((call) => call.region), ['eu-central-1']);
  });

  it('uses the default chain without --profile (here: environment variables)', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: ENV_KEY, AWS_SECRET_ACCESS_KEY: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', AWS_REGION: REGION });
    try {
      assert.equal((await cli('--from-aws', 'app-build')).code, 0);
    } finally {
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_REGION: '' });
    }
    assert.deepEqual(aws().calls.map((call) => [call.operation, call.accessKeyId]), [['GetPipeline', ENV_KEY]]);
  });

  it('AWS failures: one line on stderr, exit 2; access denied names the permission', async () => {
    const denied = await cli('--from-aws', LOCKED, '--profile', 'tools');
    assert.equal(denied.code, 2);
    assertOneLine(denied.err);
    assert.match(denied.err, /codepipeline:GetPipeline/);
    const sso = await cli('--from-aws', CROSS_ACCOUNT, '--profile', 'sso-dev');
    assert.equal(sso.code, 2);
    assertOneLine(sso.err);
    assert.match(sso.err, /`aws sso login --profile sso-dev`/);
    for (const args of [['--from-aws', 'orders-nightly', '--profile', 'tools'], ['--from-aws', CROSS_ACCOUNT, '--profile', 'no-keys']]) {
      const { code, out, err } = await cli(...args);
      assert.equal(code, 2, args.join(' '));
      assert.equal(out, '');
      assertOneLine(err);
    }
  });

  it('usage errors exit 2 before calling AWS', async () => {
    for (const args of [
      ['--profile', 'tools', 'examples'],
      ['--from-aws', CROSS_ACCOUNT, 'examples'],
      ['--from-aws', CROSS_ACCOUNT, '--profile', 'nobody'],
      ['--from-aws', CROSS_ACCOUNT, '--profile', 'no-region'],
    ]) {
      const { code, err } = await cli(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /^cpx-lint: /);
    }
    assert.deepEqual(aws().calls, []);
  });

  it('the built CLI loads the SDK from dist/aws.js and writes nothing else to stderr', { skip: !existsSync(CLI) && 'dist/cli.js is missing: npm run build' }, async () => {
    const run = (...args: string[]): Promise<{ code: number; out: string; err: string }> => new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { env: process.env }, (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }));
    });
    const found = await run('--from-aws', CROSS_ACCOUNT, '--profile', 'tools');
    assert.equal(found.code, 1);
    assert.match(found.out, /CPX-R01/);
    assert.equal(found.err, '');
    const denied = await run('--from-aws', LOCKED, '--profile', 'tools');
    assert.equal(denied.code, 2);
    assertOneLine(denied.err);
  });
});
