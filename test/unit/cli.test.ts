import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (text) => { out += text; }, (text) => { err += text; });
  return { code, out, err };
}

describe('cpx-lint', () => {
  it('exits 1 with errors and lists them by rule id', async () => {
    const { code, out } = await cli('--format', 'json', join(EXAMPLES, 'seed-question', 'get-pipeline.json'));
    assert.equal(code, 1);
    const [report] = JSON.parse(out) as { kind: string; findings: { ruleId: string; startLine: number; severity: string }[] }[];
    assert.equal(report.kind, 'pipeline-output');
    assert.deepEqual(report.findings.map((finding) => [finding.ruleId, finding.startLine, finding.severity]), [['CPX-R01', 92, 'error'], ['CPX-T07', 108, 'info']]);
  });

  it('exits 0 without errors; --account resolves the pipeline account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpx-'));
    writeFileSync(join(dir, 'ok.yaml'), "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
    writeFileSync(join(dir, 'ignored.txt'), 'Resources: [');
    assert.equal((await cli(dir)).code, 0);
    const template = join(EXAMPLES, 'seed-question', 'template.yaml');
    assert.equal((await cli(template)).code, 0, 'a possible mismatch is a warning');
    assert.equal((await cli('--account', 'AWS::AccountId=111111111111', template)).code, 1, 'a certain mismatch is an error');
  });

  it('reads parameter files in both shapes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpx-'));
    writeFileSync(join(dir, 'cfn.json'), JSON.stringify([{ ParameterKey: 'AWS::AccountId', ParameterValue: '111111111111' }]));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ Parameters: { 'AWS::AccountId': '111111111111' } }));
    const template = join(EXAMPLES, 'seed-question', 'template.yaml');
    assert.equal((await cli('--parameters', join(dir, 'cfn.json'), template)).code, 1);
    assert.equal((await cli('-p', join(dir, 'config.json'), template)).code, 1);
  });

  it('reads parameter_overrides from a samconfig.toml, in the environment --config-env names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpx-'));
    const samconfig = join(dir, 'samconfig.toml');
    writeFileSync(samconfig, 'version = 0.1\n[default.deploy.parameters]\nparameter_overrides = "Stage=dev"\n[prod.deploy.parameters]\nparameter_overrides = ["AWS::AccountId=111111111111"]\n');
    const template = join(EXAMPLES, 'seed-question', 'template.yaml');
    assert.equal((await cli('--parameters', samconfig, template)).code, 0, 'default: the pipeline account stays unknown');
    assert.equal((await cli('--parameters', samconfig, '--config-env', 'prod', template)).code, 1, 'prod: the pipeline account is known');
    writeFileSync(join(dir, 'broken.toml'), '[default.deploy.parameters\n');
    for (const args of [['--parameters', join(dir, 'broken.toml'), template], ['--parameters', samconfig, '--config-env', 'staging', template], ['--config-env', 'prod', template]]) {
      const { code, err } = await cli(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /^cpx-lint: (parameter file .*(not valid TOML|no environment 'staging')|--config-env goes with)/);
    }
  });

  it('exits 2 on usage errors, never with a stack trace', async () => {
    for (const args of [[], ['--format', 'xml', 'x'], ['--account', 'nope', EXAMPLES], ['/no/such/file'], ['--bogus']]) {
      const { code, err } = await cli(...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(err, /^cpx-lint: /);
      assert.doesNotMatch(err, /\n\s+at /);
    }
  });

  it('writes SARIF 2.1.0 with catalogue ids, levels, 1-based regions and rule metadata', async () => {
    const { out } = await cli('--format', 'sarif', join(EXAMPLES, 'seed-question'));
    const log = JSON.parse(out);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.ok(ids.includes('CPX-R01') && ids.includes('CPX-U01'));
    for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /docs\/rules\/CPX-[A-Z]\d{2}\.md$/);
    const levels = run.results.map((result: { ruleId: string; level: string }) => `${result.ruleId}:${result.level}`).sort();
    assert.deepEqual(levels, ['CPX-R01:error', 'CPX-R01:warning', 'CPX-R01:warning', 'CPX-T07:note', 'CPX-U01:note', 'CPX-U01:note']);
    const error = run.results.find((result: { level: string }) => result.level === 'error');
    assert.deepEqual(error.locations[0].physicalLocation.region, { startLine: 92, startColumn: 40, endLine: 92, endColumn: 87 });
    assert.equal(ids[error.ruleIndex], 'CPX-R01');
  });
});
