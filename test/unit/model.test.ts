import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, parseSource } from '../../src/core';
import { analyseArn, evaluateString, type Scope } from '../../src/core/model/evaluate';
import { compare, type Resolved } from '../../src/core/model/resolved';
import { locate } from '../../src/core/source';
import { getPipelineJson, pipelineYaml } from '../support/templates';

function model(text: string, format: 'yaml' | 'json', values: Record<string, string> = {}) {
  return buildModel(parseSource(text, format), { parameterValues: new Map(Object.entries(values)) });
}

describe('model', () => {
  it('reads get-pipeline JSON in its camelCase dialect, with the account and region of the pipeline ARN', () => {
    const m = model(getPipelineJson([{ name: 'a', actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' }, roleArn: 'arn:aws:iam::222222222222:role/x', region: 'eu-central-1' }]), 'json');
    assert.equal(m.kind, 'pipeline-output');
    assert.equal(m.dialect, 'api');
    assert.equal(m.pipelineAccountId, '111111111111');
    assert.equal(m.pipelineRegion, 'eu-west-1');
    const action = m.pipelines[0].stages[0].actions[0];
    assert.deepEqual([action.category, action.owner, action.provider], ['Deploy', 'AWS', 'CloudFormation']);
    assert.deepEqual(action.roleArn?.path, ['pipeline', 'stages', 0, 'actions', 0, 'roleArn']);
    assert.equal(m.pipelines[0].artifactStore?.location?.path.join('/'), 'pipeline/artifactStore/location');
  });

  it('every field remembers its path, and the path leads back to the same node', () => {
    const text = pipelineYaml("- Name: A\n  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}\n  RoleArn: !Sub 'arn:aws:iam::${ProdAccountId}:role/a'");
    const m = model(text, 'yaml');
    const action = m.pipelines[0].stages[0].actions[0];
    assert.ok(action.roleArn);
    assert.equal(locate(m.source.root, action.roleArn.path)?.node, action.roleArn.node);
  });

  it('expands Fn::If stages and actions into both branches, dropping AWS::NoValue', () => {
    const text = pipelineYaml(`- !If
  - IsProd
  - Name: Prod
    ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}
  - !Ref AWS::NoValue
- Name: Always
  ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}`);
    const actions = model(text, 'yaml').pipelines[0].stages[0].actions;
    assert.deepEqual(actions.map((action) => [action.name, [...action.conditions]]), [['Prod', [['IsProd', true]]], ['Always', []]]);
    assert.deepEqual(actions[0].path.slice(-3), [0, 'Fn::If', 1]);
  });

  it('reads artifact stores in both dialects and the typed resources of a template', () => {
    const yaml = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Key: {Type: AWS::KMS::Key}
  Bucket: {Type: AWS::S3::Bucket}
  Policy: {Type: AWS::S3::BucketPolicy}
  Role: {Type: AWS::IAM::Role}
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      ArtifactStores:
        - Region: eu-west-1
          ArtifactStore: {Type: S3, Location: b1, EncryptionKey: {Id: !GetAtt Key.Arn, Type: KMS}}
        - Region: us-east-1
          ArtifactStore: {Type: S3, Location: b2}
      Stages: []
`;
    const m = model(yaml, 'yaml');
    const stores = m.pipelines[0].artifactStores ?? [];
    assert.deepEqual(stores.map((store) => [store.region, store.encryptionKey !== undefined]), [['eu-west-1', true], ['us-east-1', false]]);
    assert.deepEqual(
      [m.typed.keys, m.typed.buckets, m.typed.bucketPolicies, m.typed.roles].map((list) => list.map((resource) => resource.logicalId)),
      [['Key'], ['Bucket'], ['Policy'], ['Role']],
    );
    const api = model(JSON.stringify({ pipeline: { artifactStores: { 'eu-west-1': { type: 'S3', location: 'b' } }, stages: [] } }), 'json');
    assert.deepEqual(api.pipelines[0].artifactStores?.map((store) => store.region), ['eu-west-1']);
  });

  it('takes the pipeline account from a literal pipeline role', () => {
    const m = model(pipelineYaml('- Name: A', { pipelineRole: "'arn:aws:iam::111111111111:role/p'" }), 'yaml');
    assert.equal(m.pipelineAccountId, '111111111111');
  });
});

describe('account resolution (reference §1)', () => {
  const scope = (yaml: string, values: Record<string, string> = {}): { scope: Scope; node: ReturnType<typeof locate> } => {
    const m = model(`AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Prod: {Type: String}
  WithDefault: {Type: String, Default: '222222222222'}
  RoleArnParam: {Type: String, Default: 'arn:aws:iam::333333333333:role/r'}
  Ssm: {Type: 'AWS::SSM::Parameter::Value<String>'}
Mappings:
  Accounts:
    dev: {Id: '444444444444'}
    prod: {Id: '444444444444'}
Resources:
  Role: {Type: AWS::IAM::Role}
Value: ${yaml}
`, 'yaml', values);
    return { scope: m.scope, node: locate(m.source.root, ['Value']) };
  };
  const accounts = (yaml: string, values: Record<string, string> = {}): Resolved[] => {
    const { scope: s, node } = scope(yaml, values);
    return evaluateString(node?.node, s).map(({ value }) => (value ? analyseArn(value).account : { kind: 'unknown', reason: 'expression', detail: 'absent' }));
  };

  const cases: [string, Resolved[]][] = [
    ["'arn:aws:iam::123456789012:role/x'", [{ kind: 'literal', value: '123456789012' }]],
    ["'arn:aws-cn:iam::123456789012:role/service-role/x'", [{ kind: 'literal', value: '123456789012' }]],
    ["!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x'", [{ kind: 'pipeline' }]],
    ["!Sub 'arn:aws:iam::${Prod}:role/x'", [{ kind: 'param', name: 'Prod' }]],
    ["!Sub 'arn:aws:iam::${WithDefault}:role/x'", [{ kind: 'literal', value: '222222222222', param: 'WithDefault' }]],
    ["!Sub ['arn:aws:iam::${Acct}:role/x', {Acct: !Ref Prod}]", [{ kind: 'param', name: 'Prod' }]],
    ["!Join ['', ['arn:aws:iam::', !Ref Prod, ':role/x']]", [{ kind: 'param', name: 'Prod' }]],
    ['!GetAtt Role.Arn', [{ kind: 'pipeline' }]],
    ['!Ref RoleArnParam', [{ kind: 'literal', value: '333333333333', param: undefined } as Resolved]],
    ["!Sub ['arn:aws:iam::${A}:role/x', {A: !FindInMap [Accounts, !Ref Prod, Id]}]", [{ kind: 'literal', value: '444444444444' }]],
    ["!If [C, 'arn:aws:iam::111111111111:role/a', 'arn:aws:iam::222222222222:role/b']", [{ kind: 'literal', value: '111111111111' }, { kind: 'literal', value: '222222222222' }]],
  ];
  for (const [expression, expected] of cases) {
    it(expression, () => {
      const actual = accounts(expression).map((account) => (account.kind === 'literal' && account.param === undefined ? { kind: 'literal', value: account.value } : account));
      const wanted = expected.map((account) => (account.kind === 'literal' && account.param === undefined ? { kind: 'literal', value: account.value } : account));
      assert.deepEqual(actual, wanted);
    });
  }

  it('unknown with a reason for imports and SSM parameters', () => {
    assert.deepEqual(accounts('!ImportValue X').map((a) => a.kind === 'unknown' && a.reason), ['import']);
    assert.deepEqual(accounts('!Ref Ssm').map((a) => a.kind === 'unknown' && a.reason), ['dynamic']);
    assert.deepEqual(accounts("'{{resolve:ssm:/role}}'").map((a) => a.kind === 'unknown' && a.reason), ['dynamic']);
  });

  it('a value given by the user wins over the default', () => {
    assert.deepEqual(accounts("!Sub 'arn:aws:iam::${WithDefault}:role/x'", { WithDefault: '555555555555' }), [{ kind: 'literal', value: '555555555555', param: 'WithDefault' }]);
  });

  it('compares three-valued', () => {
    const literal = (value: string): Resolved => ({ kind: 'literal', value });
    assert.equal(compare(literal('1'), literal('1'), undefined), 'same');
    assert.equal(compare(literal('1'), literal('2'), undefined), 'different');
    assert.equal(compare({ kind: 'param', name: 'P' }, { kind: 'param', name: 'P' }, undefined), 'same');
    assert.equal(compare({ kind: 'param', name: 'P' }, { kind: 'pipeline' }, undefined), 'unknown');
    assert.equal(compare(literal('1'), { kind: 'pipeline' }, undefined), 'unknown');
    assert.equal(compare(literal('1'), { kind: 'pipeline' }, '2'), 'different');
    assert.equal(compare(literal('1'), { kind: 'param', name: 'P' }, undefined), 'unknown');
  });
});
