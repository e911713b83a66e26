import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, parseSource } from '../../src/core';
import { canonicalNode, matchSegments, type Segment, type Tri } from '../../src/core/model/canonical';
import { evaluateString } from '../../src/core/model/evaluate';
import {
  allows, keyPolicy, principalOf, roleDeclaredByName, rolePolicies, templateRole, type PolicyDocument,
} from '../../src/core/model/policy';
import type { DocumentModel } from '../../src/core/model/types';
import { locate } from '../../src/core/source';

/** A template whose `Values` hold the expressions a test asks about. */
function model(resources: string, values: Record<string, string> = {}, parameters: Record<string, string> = { 'AWS::AccountId': '111111111111' }): DocumentModel {
  const text = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Dev: {Type: String, Default: '333333333333'}
  NoValue: {Type: String}
  Placeholder: {Type: String, Default: 'ACCOUNT_ID'}
Resources:
${resources}
Values:
${Object.entries(values).map(([key, value]) => `  ${key}: ${value}`).join('\n') || '  none: x'}
`;
  return buildModel(parseSource(text, 'yaml'), { parameterValues: new Map(Object.entries(parameters)) });
}

function parts(m: DocumentModel, name: string) {
  const value = evaluateString(locate(m.source.root, ['Values', name])?.node, m.scope)[0].value;
  assert.ok(value, `${name} evaluates`);
  return value;
}

function segments(m: DocumentModel, name: string): Segment[] {
  const value = canonicalNode(locate(m.source.root, ['Values', name])?.node, m);
  assert.ok(value, `${name} has one value`);
  return value;
}

const KEY = (statements: string): string => `  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
${statements}`;

function keyDocument(m: DocumentModel): PolicyDocument {
  const key = m.resources.get('Key');
  assert.ok(key);
  const document = keyPolicy(key, m);
  assert.ok(document);
  return document;
}

/** Whether the key policy lets the role in `Values.Role` do `action`. */
function keyAllows(statements: string, role: string, action = 'kms:Decrypt', holds: ReadonlyMap<string, boolean> = new Map()): Tri {
  const m = model(KEY(statements), { Role: role });
  return allows([keyDocument(m)], { action, principal: principalOf(parts(m, 'Role'), m), holds }, m);
}

const DEV_ROLE = "!Sub 'arn:aws:iam::${Dev}:role/deployer'";
const statement = (principal: string, action = "['kms:Decrypt', 'kms:DescribeKey']", extra = ''): string =>
  `          - {Effect: Allow, Principal: ${principal}, Action: ${action}, Resource: '*'${extra}}`;

describe('policy: principals', () => {
  const cases: [string, string, string, Tri][] = [
    ['the account root through Fn::Sub', `{AWS: !Sub 'arn:aws:iam::\${Dev}:root'}`, DEV_ROLE, 'yes'],
    ['the bare account id', "{AWS: '333333333333'}", DEV_ROLE, 'yes'],
    ['the account parameter itself', '{AWS: !Ref Dev}', DEV_ROLE, 'yes'],
    ['the role ARN written literally', "{AWS: 'arn:aws:iam::333333333333:role/deployer'}", DEV_ROLE, 'yes'],
    ['the role ARN through Fn::Join', "{AWS: !Join ['', ['arn:aws:iam::', !Ref Dev, ':role/deployer']]}", DEV_ROLE, 'yes'],
    ['one statement, many principals', `{AWS: ['arn:aws:iam::111111111111:root', !Sub 'arn:aws:iam::\${Dev}:role/deployer']}`, DEV_ROLE, 'yes'],
    ['every role of the account by wildcard', `{AWS: !Sub 'arn:aws:iam::\${Dev}:role/*'}`, DEV_ROLE, 'yes'],
    ['everyone', "'*'", DEV_ROLE, 'yes'],
    ['another role of the account', `{AWS: !Sub 'arn:aws:iam::\${Dev}:role/other'}`, DEV_ROLE, 'no'],
    ['the pipeline account root', `{AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}`, DEV_ROLE, 'no'],
    ['a role of this stack', '{AWS: !GetAtt PipelineRole.Arn}', DEV_ROLE, 'no'],
    ['a service', '{Service: codepipeline.amazonaws.com}', DEV_ROLE, 'no'],
    ['an account parameter without a value', '{AWS: !Ref NoValue}', DEV_ROLE, 'unknown'],
    ['a whole ARN from an import', '{AWS: !ImportValue DeployerArn}', DEV_ROLE, 'unknown'],
    ['a role in an account with a placeholder default', `{AWS: !Sub 'arn:aws:iam::\${Placeholder}:role/deployer'}`, DEV_ROLE, 'unknown'],
  ];
  for (const [name, principal, role, expected] of cases) {
    it(`${name}: ${expected}`, () => {
      assert.equal(keyAllows(`${statement(principal)}\n  PipelineRole: {Type: AWS::IAM::Role}`, role), expected);
    });
  }

  it('one statement per principal: each is consulted', () => {
    const statements = [statement("{AWS: 'arn:aws:iam::111111111111:root'}"), statement(`{AWS: !Sub 'arn:aws:iam::\${Dev}:role/deployer'}`)].join('\n');
    assert.equal(keyAllows(statements, DEV_ROLE), 'yes');
  });

  it('a Condition that may exclude the account is unknown, never no', () => {
    assert.equal(keyAllows(statement("'*'", "'kms:*'", ", Condition: {StringEquals: {'aws:PrincipalOrgID': o-123}}"), DEV_ROLE), 'unknown');
  });

  it('NotPrincipal is unknown', () => {
    assert.equal(keyAllows("          - {Effect: Allow, NotPrincipal: {AWS: '111111111111'}, Action: 'kms:*', Resource: '*'}", DEV_ROLE), 'unknown');
  });

  it('a Deny does not take a grant away here, and grants nothing', () => {
    const deny = "          - {Effect: Deny, Principal: '*', Action: 'kms:*', Resource: '*'}";
    assert.equal(keyAllows(`${deny}\n${statement(`{AWS: !Sub 'arn:aws:iam::\${Dev}:root'}`)}`, DEV_ROLE), 'yes');
    assert.equal(keyAllows(deny, DEV_ROLE), 'no');
  });
});

describe('policy: actions', () => {
  const role = `{AWS: !Sub 'arn:aws:iam::\${Dev}:root'}`;
  const cases: [string, string, Tri][] = [
    ["'kms:*'", 'kms:ReEncrypt*', 'yes'],
    ["'*'", 'kms:GenerateDataKey*', 'yes'],
    ["'KMS:decrypt'", 'kms:Decrypt', 'yes'],
    ["'kms:Re*'", 'kms:ReEncrypt*', 'yes'],
    ["'kms:ReEncrypt*'", 'kms:ReEncrypt*', 'yes'],
    ["'kms:ReEncryptFrom'", 'kms:ReEncrypt*', 'unknown'],
    ["'kms:GenerateDataKey'", 'kms:GenerateDataKey*', 'unknown'],
    ["'kms:Describe*'", 'kms:DescribeKey', 'yes'],
    ["'kms:Encrypt'", 'kms:Decrypt', 'no'],
    ['[kms:Encrypt, kms:Decrypt]', 'kms:Decrypt', 'yes'],
  ];
  for (const [action, asked, expected] of cases) {
    it(`${action} for ${asked}: ${expected}`, () => assert.equal(keyAllows(statement(role, action), DEV_ROLE, asked), expected));
  }

  it('NotAction grants what it does not name', () => {
    const notAction = (names: string): string => `          - {Effect: Allow, Principal: ${role}, NotAction: ${names}, Resource: '*'}`;
    assert.equal(keyAllows(notAction("'kms:ScheduleKeyDeletion'"), DEV_ROLE), 'yes');
    assert.equal(keyAllows(notAction("'kms:D*'"), DEV_ROLE), 'no');
  });
});

describe('policy: resources and conditions', () => {
  const bucketModel = (resource: string, bucket = '!Ref Bucket'): { m: DocumentModel; document: PolicyDocument } => {
    const m = model(`  Bucket: {Type: AWS::S3::Bucket, Properties: {BucketName: !Sub 'artifacts-\${AWS::AccountId}'}}
  Role:
    Type: AWS::IAM::Role
    Properties:
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: 's3:GetObject', Resource: ${resource}}`, { Bucket: bucket });
    const role = m.resources.get('Role');
    assert.ok(role);
    return { m, document: rolePolicies(role, m).documents[0] };
  };
  const objects = (bucket: Segment[]): Segment[] => [{ kind: 'text', text: 'arn:aws:s3:::' }, ...bucket, { kind: 'text', text: '/' }, { kind: 'opaque', word: false }];
  const cases: [string, Tri][] = [
    ["!Sub 'arn:aws:s3:::${Bucket}/*'", 'yes'],
    ["!Sub '${Bucket.Arn}/*'", 'yes'],
    ["!Join ['', [!GetAtt Bucket.Arn, '/*']]", 'yes'],
    ["'arn:aws:s3:::artifacts-111111111111/*'", 'yes'],
    ["'*'", 'yes'],
    ["!Sub 'arn:aws:s3:::${Bucket}/builds/*'", 'unknown'],
    ['!GetAtt Bucket.Arn', 'no'],
    ["'arn:aws:s3:::other-bucket/*'", 'no'],
  ];
  for (const [resource, expected] of cases) {
    it(`objects of the bucket under ${resource}: ${expected}`, () => {
      const { m, document } = bucketModel(resource);
      assert.equal(allows([document], { action: 's3:GetObject', resource: objects(segments(m, 'Bucket')), holds: new Map() }, m), expected);
    });
  }

  it('a statement under Fn::If applies in its branch only', () => {
    const statements = `          - !If
            - AddGrants
            - ${statement(`{AWS: !Sub 'arn:aws:iam::\${Dev}:root'}`).trim().slice(2)}
            - !Ref AWS::NoValue`;
    assert.equal(keyAllows(statements, DEV_ROLE, 'kms:Decrypt', new Map([['AddGrants', true]])), 'yes');
    assert.equal(keyAllows(statements, DEV_ROLE, 'kms:Decrypt', new Map([['AddGrants', false]])), 'no');
    assert.equal(keyAllows(statements, DEV_ROLE), 'unknown');
  });

  it('a computed document is unknown', () => {
    const m = model('  Key: {Type: AWS::KMS::Key, Properties: {KeyPolicy: !ImportValue KeyPolicy}}', { Role: DEV_ROLE });
    assert.equal(allows([keyDocument(m)], { action: 'kms:Decrypt', principal: principalOf(parts(m, 'Role'), m), holds: new Map() }, m), 'unknown');
  });
});

describe('policy: where a role gets its permissions', () => {
  const resources = `  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: pipeline-role
      Policies:
        - PolicyName: inline
          PolicyDocument: {Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}
      ManagedPolicyArns: [!Ref Managed]
  ByRef:
    Type: AWS::IAM::Policy
    Properties: {Roles: [!Ref PipelineRole], PolicyDocument: {Statement: [{Effect: Allow, Action: 'sts:AssumeRole', Resource: '*'}]}}
  ByName:
    Type: AWS::IAM::Policy
    Properties: {Roles: [pipeline-role], PolicyDocument: {Statement: []}}
  Elsewhere:
    Type: AWS::IAM::Policy
    Properties: {Roles: [other-role], PolicyDocument: {Statement: []}}
  Managed:
    Type: AWS::IAM::ManagedPolicy
    Properties: {PolicyDocument: {Statement: []}}`;

  it('inline policies, policies naming the role, and managed policies of the template', () => {
    const m = model(resources);
    const role = m.resources.get('PipelineRole');
    assert.ok(role);
    const policies = rolePolicies(role, m);
    assert.deepEqual(policies.documents.map((document) => document.field.path[1]), ['PipelineRole', 'ByRef', 'ByName', 'Managed']);
    assert.equal(policies.complete, true);
  });

  it('a managed policy from outside the template makes the picture incomplete', () => {
    const m = model(resources.replace('[!Ref Managed]', "[!Ref Managed, 'arn:aws:iam::aws:policy/AdministratorAccess']"));
    const role = m.resources.get('PipelineRole');
    assert.ok(role);
    assert.equal(rolePolicies(role, m).complete, false);
  });

  it('finds the template role an ARN names, by Fn::GetAtt or by its name', () => {
    const m = model(resources, {
      ByGetAtt: '!GetAtt PipelineRole.Arn',
      BySub: "!Sub 'arn:aws:iam::${AWS::AccountId}:role/pipeline-role'",
      InDev: "!Sub 'arn:aws:iam::${Dev}:role/pipeline-role'",
    });
    assert.equal(templateRole(parts(m, 'ByGetAtt'), m)?.logicalId, 'PipelineRole');
    assert.equal(templateRole(parts(m, 'BySub'), m)?.logicalId, 'PipelineRole');
    assert.equal(templateRole(parts(m, 'InDev'), m), undefined, 'a role of another account is not this stack\'s role');
    assert.equal(roleDeclaredByName(parts(m, 'InDev'), m)?.logicalId, 'PipelineRole', 'but a role declared with its name describes it');
  });
});

describe('canonical form and matching', () => {
  const m = model('  Key: {Type: AWS::KMS::Key}', {
    KeyArn: '!GetAtt Key.Arn', KeyId: '!Ref Key', SubArn: "!Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${Key}'",
    Placeholder: "!Sub 'arn:aws:iam::${Placeholder}:role/x'", Given: "!Sub 'arn:aws:iam::${Dev}:role/x'",
  }, { 'AWS::AccountId': '111111111111', 'AWS::Region': 'eu-west-1' });

  it('a key ARN written by hand equals Fn::GetAtt Key.Arn, whatever the partition', () => {
    assert.equal(matchSegments(segments(m, 'SubArn'), segments(m, 'KeyArn'), false), 'yes');
  });

  it('a key id is certainly not the key ARN: ids hold no colon', () => {
    assert.equal(matchSegments(segments(m, 'KeyId'), segments(m, 'KeyArn')), 'no');
  });

  it('a placeholder default is not an account: matching it is unknown', () => {
    assert.equal(matchSegments(segments(m, 'Placeholder'), [{ kind: 'text', text: 'arn:aws:iam::222222222222:role/x' }]), 'unknown');
    assert.equal(matchSegments(segments(m, 'Given'), [{ kind: 'text', text: 'arn:aws:iam::333333333333:role/x' }]), 'yes');
  });

  it('wildcards: * and ? in patterns, never in values', () => {
    const text = (value: string): Segment[] => [{ kind: 'text', text: value }];
    assert.equal(matchSegments(text('arn:aws:iam::*:role/cross-*'), text('arn:aws:iam::1:role/cross-x')), 'yes');
    assert.equal(matchSegments(text('arn:aws:iam::?:role/x'), text('arn:aws:iam::12:role/x')), 'no');
    assert.equal(matchSegments(text('a*'), text('b*'), false), 'no');
  });
});
