// The AWS module against a local stand-in for AWS (test/support/aws-server.ts): the real SDK,
// pointed at 127.0.0.1 by AWS_ENDPOINT_URL_CODEPIPELINE / AWS_ENDPOINT_URL_STS, with credentials
// from temporary config files. Assertions are on problem kinds, call records and finding ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsProblem, PipelineSource, defaultRegion, findProfile, listProfiles, type ProblemKind } from '../../src/aws';
import { toProblem } from '../../src/aws/errors';
import { lintText } from '../../src/core';
import { CROSS_ACCOUNT, LOCKED, PAGE_2_TOKEN, REGION } from '../support/aws-recordings';
import { TOOLS_KEY, useFakeAws } from '../support/aws-sandbox';
import { startFakeAws, type FakeAws } from '../support/aws-server';

const aws = useFakeAws();

const tools = (): PipelineSource => new PipelineSource({ profile: 'tools', region: REGION, sso: false });

/** The problem `promise` rejects with. */
async function problemOf(promise: Promise<unknown>): Promise<AwsProblem> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AwsProblem, `an AwsProblem, not ${String(error)}`);
    assert.doesNotMatch(error.message, /\n/);
    return error;
  }
  assert.fail('expected a failure');
}

describe('AWS profiles', () => {
  it('lists the profiles of both files, not sso-session sections, with region and SSO', async () => {
    const profiles = await listProfiles();
    assert.deepEqual(profiles.map((profile) => [profile.name, profile.region, profile.sso]), [
      ['no-keys', 'eu-west-1', false],
      ['no-region', undefined, false],
      ['sso-dev', 'eu-west-1', true],
      ['tools', 'eu-west-1', false],
    ]);
  });

  it('defaults the region to the profile, then AWS_REGION', async () => {
    const profiles = await listProfiles();
    assert.equal(defaultRegion(findProfile(profiles, 'tools')), 'eu-west-1');
    assert.equal(defaultRegion(findProfile(profiles, 'no-region')), undefined);
    process.env.AWS_REGION = 'ap-southeast-2';
    try {
      assert.equal(defaultRegion(findProfile(profiles, 'no-region')), 'ap-southeast-2');
      assert.equal(defaultRegion(findProfile(profiles, 'tools')), 'eu-west-1');
    } finally {
      process.env.AWS_REGION = '';
    }
  });
});

describe('PipelineSource', () => {
  it('signs with the profile in its region and reads the caller account', async () => {
    assert.equal(await tools().account(), '111111111111');
    assert.deepEqual(aws().calls.map((call) => [call.operation, call.service, call.region, call.accessKeyId]), [['GetCallerIdentity', 'sts', REGION, TOOLS_KEY]]);
  });

  it('follows NextToken over both pages of ListPipelines', async () => {
    const counts: number[] = [];
    const pipelines = await tools().listPipelines(undefined, (count) => counts.push(count));
    assert.deepEqual(pipelines.map((pipeline) => pipeline.name), ['app-build', CROSS_ACCOUNT, 'docs-site', 'infra-shared', LOCKED]);
    assert.deepEqual(counts, [3, 5]);
    assert.deepEqual(aws().calls.map((call) => [call.operation, call.input.nextToken]), [['ListPipelines', undefined], ['ListPipelines', PAGE_2_TOKEN]]);
    assert.equal(pipelines[1].updated?.toISOString(), '2024-05-20T09:20:12.443Z');
  });

  it('prints GetPipeline as the AWS CLI does, and the linter finds CPX-R01 on the deploy action', async () => {
    const deployed = await tools().getPipeline(CROSS_ACCOUNT);
    assert.equal(deployed.arn, `arn:aws:codepipeline:${REGION}:111111111111:${CROSS_ACCOUNT}`);
    assert.deepEqual(Object.keys(JSON.parse(deployed.text) as object), ['pipeline', 'metadata']);
    assert.match(deployed.text, /^\{\n {4}"pipeline": \{\n {8}"name": "cross-account-deploy",/);
    assert.match(deployed.text, /"updated": "2024-05-20T09:20:12\.443000\+00:00"/);
    assert.deepEqual(aws().calls.map((call) => [call.operation, call.input.name]), [['GetPipeline', CROSS_ACCOUNT]]);

    const { model, findings } = lintText(deployed.text, { fileName: `${CROSS_ACCOUNT}.json` });
    assert.equal(model?.kind, 'pipeline-output');
    const role = '"arn:aws:iam::222222222222:role/cloudformation-deployer"';
    const start = deployed.text.indexOf(role);
    assert.deepEqual(
      findings.filter((finding) => finding.ruleId === 'CPX-R01').map((finding) => [finding.severity, finding.start, finding.end]),
      [['error', start, start + role.length]],
    );
  });

  it('aborts the request in flight when cancelled', async () => {
    aws().stall('ListPipelines');
    const controller = new AbortController();
    const listing = tools().listPipelines(controller.signal);
    while (aws().calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    assert.equal((await problemOf(listing)).kind, 'cancelled');
    while (aws().abandoned.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(aws().abandoned, ['ListPipelines']);
  });
});

describe('AWS failures a person can act on', () => {
  const cases: { title: string; fault?: [string, Parameters<FakeAws['fail']>[1]]; call: (source: PipelineSource) => Promise<unknown>; kind: ProblemKind; names?: RegExp }[] = [
    { title: 'ListPipelines denied names the permission', fault: ['ListPipelines', 'AccessDeniedException'], call: (s) => s.listPipelines(), kind: 'access-denied', names: /codepipeline:ListPipelines/ },
    { title: 'GetPipeline denied on one pipeline names the permission and the pipeline', call: (s) => s.getPipeline(LOCKED), kind: 'access-denied', names: new RegExp(`codepipeline:GetPipeline.*${LOCKED}`) },
    { title: 'an unknown pipeline', call: (s) => s.getPipeline('orders-nightly'), kind: 'not-found', names: /orders-nightly/ },
    { title: 'expired session credentials (STS ExpiredToken)', fault: ['GetCallerIdentity', 'ExpiredToken'], call: (s) => s.account(), kind: 'expired-credentials' },
    { title: 'expired session credentials (CodePipeline ExpiredTokenException)', fault: ['GetPipeline', 'ExpiredTokenException'], call: (s) => s.getPipeline(CROSS_ACCOUNT), kind: 'expired-credentials' },
    { title: 'an unknown access key (UnrecognizedClientException)', fault: ['ListPipelines', 'UnrecognizedClientException'], call: (s) => s.listPipelines(), kind: 'invalid-credentials' },
    { title: 'an unknown access key (STS InvalidClientTokenId)', fault: ['GetCallerIdentity', 'InvalidClientTokenId'], call: (s) => s.account(), kind: 'invalid-credentials' },
  ];
  for (const { title, fault, call, kind, names } of cases) {
    it(title, async () => {
      if (fault) aws().fail(...fault);
      const problem = await problemOf(call(tools()));
      assert.equal(problem.kind, kind);
      if (names) assert.match(problem.message, names);
    });
  }

  it('throttling: the SDK retries with back-off, then says so', async () => {
    aws().fail('ListPipelines', 'ThrottlingException');
    const problem = await problemOf(tools().listPipelines());
    assert.equal(problem.kind, 'throttled');
    assert.equal(aws().calls.length, 3, 'the SDK made its three attempts');
  });

  it('an expired IAM Identity Center session says `aws sso login --profile <name>`, without calling AWS', async () => {
    const problem = await problemOf(new PipelineSource({ profile: 'sso-dev', region: REGION, sso: true }).account());
    assert.equal(problem.kind, 'sso-login');
    assert.match(problem.message, /`aws sso login --profile sso-dev`/);
    assert.deepEqual(aws().calls, []);
  });

  it('expired credentials of an SSO profile also say `aws sso login`', () => {
    const expired = Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredTokenException' });
    const problem = toProblem(expired, { operation: 'ListPipelines', profile: 'sso-dev', region: REGION, sso: true });
    assert.equal(problem.kind, 'sso-login');
    assert.match(problem.message, /`aws sso login --profile sso-dev`/);
  });

  it('a profile without credentials, without calling AWS', async () => {
    const problem = await problemOf(new PipelineSource({ profile: 'no-keys', region: REGION, sso: false }).listPipelines());
    assert.equal(problem.kind, 'no-credentials');
    assert.deepEqual(aws().calls, []);
  });

  it('an unreachable endpoint', async () => {
    const closed = await startFakeAws();
    await closed.close();
    const saved = process.env.AWS_ENDPOINT_URL_CODEPIPELINE;
    process.env.AWS_ENDPOINT_URL_CODEPIPELINE = closed.url;
    try {
      const problem = await problemOf(tools().listPipelines());
      assert.equal(problem.kind, 'unreachable');
      assert.match(problem.message, /ECONNREFUSED/);
    } finally {
      process.env.AWS_ENDPOINT_URL_CODEPIPELINE = saved;
    }
  });

  it('a request timeout is unreachable too; anything else keeps its AWS error name, on one line', () => {
    const context = { operation: 'GetPipeline', profile: 'tools', region: REGION, sso: false } as const;
    assert.equal(toProblem(Object.assign(new Error('Connection timed out after 10000 ms'), { name: 'TimeoutError' }), context).kind, 'unreachable');
    const other = toProblem(Object.assign(new Error('Service unavailable\n  at somewhere'), { name: 'InternalServerError' }), context);
    assert.equal(other.kind, 'failed');
    assert.match(other.message, /InternalServerError/);
    assert.doesNotMatch(other.message, /\n/);
  });
});
