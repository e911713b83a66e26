import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, Workspace } from '../../../src/core';
import { rule } from '../../../src/core/rules/CPX-S06';
import { ruleTester } from '../../support/rule-tester';
import { lineOf, toJson } from '../../support/artifacts';
import { SELF, SELF_JSON, selfDeployingYaml } from '../../support/pipelines';
import { CI_PIPELINE, DEV_ROLES } from '../../support/workspace';

const PIPELINE_ACCOUNT = { 'AWS::AccountId': '111111111111' };
const CFN_ROLE = 'arn:aws:iam::222222222222:role/cloudformation-role';
const PROD_ACTION = '              RoleArn: arn:aws:iam::222222222222:role/deployer\n';
const NO_S3 = `              - Effect: Allow
                Action: lambda:*
                Resource: '*'
`;
/** Reference §4.6: the CloudFormation role may read the packaged code in the artifact bucket. */
const READS_ARTIFACTS = `${NO_S3}              - Effect: Allow
                Action: [s3:GetObject, s3:GetObjectVersion]
                Resource: arn:aws:s3:::artifacts/*
`;

/**
 * A SAM template that deploys itself into 222222222222 and declares that account's CloudFormation
 * role next to the pipeline (the seed answer's layout), with packaged code at `codeUri`.
 */
function deploy(codeUri: string, statements = NO_S3, options: { actionRole?: string; cfnRole?: string; mode?: string } = {}): string {
  const resources = `  Handler:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: ${codeUri}}
  CloudFormationRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: cloudformation-role
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: cloudformation.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Statement:
${statements}`;
  const configuration = `ActionMode: ${options.mode ?? 'CHANGE_SET_REPLACE'}\nChangeSetName: c\nCapabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND\nRoleArn: ${options.cfnRole ?? CFN_ROLE}`;
  return selfDeployingYaml(configuration, { transform: 'AWS::Serverless-2016-10-31', resources })
    .replace('              InputArtifacts:', `${options.actionRole ?? PROD_ACTION}              InputArtifacts:`);
}

const lacking = deploy('s3://artifacts/app.zip');
const fixed = lacking.replace(NO_S3, `${NO_S3}              - Effect: Allow
                Action: [s3:GetObject, s3:GetObjectVersion]
                Resource: arn:aws:s3:::artifacts/*
`);
const roleLine = (code: string): number => lineOf(code, `RoleArn: ${CFN_ROLE}`);
const otherBucket = deploy('s3://artifacts/app.zip', READS_ARTIFACTS.replace('arn:aws:s3:::artifacts/*', 'arn:aws:s3:::other/*'));
const lambdaAndNested = lacking.replace(
  '  Handler:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: s3://artifacts/app.zip}\n',
  '  Fn:\n    Type: AWS::Lambda::Function\n    Properties: {Code: {S3Bucket: packages-111111111111, S3Key: fn.zip}}\n  Nested:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: https://s3.eu-west-1.amazonaws.com/packages-111111111111/nested.yaml}\n',
);
const asJson = (yaml: string): string => toJson(yaml).replace('Build::infra/app.yaml', 'Build::infra/app.json');
const unseen = deploy('s3://artifacts/app.zip', NO_S3, { cfnRole: 'arn:aws:iam::222222222222:role/elsewhere' });
const bucketPolicy = `  ArtifactsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: artifacts
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::222222222222:role/elsewhere}
            Action: s3:GetObject*
            Resource: arn:aws:s3:::artifacts/*
`;

ruleTester(rule, {
  valid: [
    { name: 'the role may read the artifact bucket (reference §4.6)', fileName: SELF, code: deploy('s3://artifacts/app.zip', READS_ARTIFACTS), parameters: PIPELINE_ACCOUNT },
    { name: 'the role may read every bucket', fileName: SELF, code: deploy('s3://artifacts/app.zip', `${NO_S3}              - {Effect: Allow, Action: 's3:Get*', Resource: '*'}\n`), parameters: PIPELINE_ACCOUNT },
    { name: 'an AWS managed policy that reads S3', fileName: SELF, code: lacking.replace('      Policies:', "      ManagedPolicyArns: [!Sub 'arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess']\n      Policies:"), parameters: PIPELINE_ACCOUNT },
    { name: 'a grant under a Condition: not certain', fileName: SELF, code: deploy('s3://artifacts/app.zip', READS_ARTIFACTS.replace('Resource: arn:aws:s3:::artifacts/*', "Resource: arn:aws:s3:::artifacts/*\n                Condition: {StringEquals: {'aws:ResourceAccount': '111111111111'}}")), parameters: PIPELINE_ACCOUNT },
    { name: 'same account: no action role', fileName: SELF, code: deploy('s3://artifacts/app.zip', NO_S3, { actionRole: '' }), parameters: PIPELINE_ACCOUNT },
    { name: 'the action’s account unknown: not certainly cross-account', fileName: SELF, code: deploy('s3://artifacts/app.zip', NO_S3, { actionRole: "              RoleArn: !Sub 'arn:aws:iam::${ProdAccountId}:role/deployer'\n" }), parameters: PIPELINE_ACCOUNT },
    { name: 'a bucket not known to be in the pipeline account', fileName: SELF, code: deploy('s3://team-packages/app.zip'), parameters: PIPELINE_ACCOUNT },
    { name: 'a computed bucket takes the target account’s values', fileName: SELF, code: deploy("!Sub 's3://artifacts${AWS::AccountId}/app.zip'"), parameters: PIPELINE_ACCOUNT },
    { name: 'CHANGE_SET_EXECUTE uses the change set’s role', fileName: SELF, code: deploy('s3://artifacts/app.zip', NO_S3, { mode: 'CHANGE_SET_EXECUTE' }), parameters: PIPELINE_ACCOUNT },
    { name: 'a CloudFormation role of the pipeline account, not in view', fileName: SELF, code: deploy('s3://artifacts/app.zip', NO_S3, { cfnRole: 'arn:aws:iam::111111111111:role/elsewhere' }), parameters: PIPELINE_ACCOUNT },
    { name: 'the role is not in view, the bucket policy grants it read', fileName: SELF, code: unseen.replace('  Pipeline:\n', `${bucketPolicy}  Pipeline:\n`), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'the role policy is in view and lacks s3:GetObject: the fix adds it',
      fileName: SELF, code: lacking, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: roleLine(lacking), column: 26, text: CFN_ROLE, severity: 'error' }],
      output: fixed,
    },
    {
      name: 'CloudFormation JSON',
      fileName: SELF_JSON, code: asJson(lacking), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(asJson(lacking), `"RoleArn": "${CFN_ROLE}"`), text: `"${CFN_ROLE}"`, severity: 'error' }],
      output: asJson(fixed),
    },
    {
      name: 'the role is not in view: a warning',
      fileName: SELF, code: unseen, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(unseen, 'RoleArn: arn:aws:iam::222222222222:role/elsewhere'), text: 'arn:aws:iam::222222222222:role/elsewhere', severity: 'warning' }],
      output: null,
    },
    {
      name: 'a grant on another bucket',
      fileName: SELF, code: otherBucket, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: roleLine(otherBucket), severity: 'error' }],
    },
    {
      name: 'SAM {Bucket, Key}',
      fileName: SELF, code: deploy('{Bucket: artifacts, Key: app.zip}'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: roleLine(lacking), severity: 'error' }],
    },
    {
      name: 'a virtual-hosted S3 URL',
      fileName: SELF, code: deploy('https://artifacts.s3.eu-west-1.amazonaws.com/app.zip'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: roleLine(lacking), severity: 'error' }],
    },
    {
      name: 'Lambda Code.S3Bucket and a nested stack’s path-style TemplateURL, in a bucket named after the pipeline account',
      fileName: SELF, code: lambdaAndNested, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: roleLine(lambdaAndNested), severity: 'error' }],
    },
  ],
});

/** The seed answer's files with a packaged template: the artifact bucket has a name the packaged URIs can give. */
describe('CPX-S06 across files', () => {
  const pipeline = CI_PIPELINE.replace('  ArtifactBucket:\n    Type: AWS::S3::Bucket\n', '  ArtifactBucket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: ci-artifacts}\n');
  const packaged = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Code: {S3Bucket: ci-artifacts, S3Key: 0123abcd}\n";
  const withoutAdmin = DEV_ROLES.replace(
    '      ManagedPolicyArns:\n        - !Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess\n',
    '      Policies:\n        - PolicyName: deploy\n          PolicyDocument:\n            Statement:\n              - {Effect: Allow, Action: lambda:*, Resource: "*"}\n',
  );
  const cfnRole = '!Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"';

  function lint(files: Readonly<Record<string, string>>): string[] {
    const space = new Workspace({ rules: [rule], parameterValues: new Map([['AWS::AccountId', '111111111111']]) });
    for (const [name, text] of Object.entries(files)) space.set(name, text);
    const at = (name: string, offset: number): number => new LineIndex(files[name]).position(offset).line + 1;
    return space.lint('ci.yaml').findings.map((finding) => [
      finding.ruleId, finding.severity, at('ci.yaml', finding.start), pipeline.slice(finding.start, finding.end),
      ...finding.related.map((item) => `${item.fileName ?? 'ci.yaml'}:${at(item.fileName ?? 'ci.yaml', item.start)}`),
    ].join(' '));
  }

  it('the DEV CloudFormation role with AdministratorAccess reads it', () => {
    assert.deepEqual(lint({ 'ci.yaml': pipeline, 'dev.yaml': DEV_ROLES, 'app/template.yml': packaged }), []);
  });

  it('the DEV CloudFormation role’s policy lacks s3:GetObject: an error, the role in dev.yaml, no fix into another file', () => {
    const space = new Workspace({ rules: [rule], parameterValues: new Map([['AWS::AccountId', '111111111111']]) });
    const files = { 'ci.yaml': pipeline, 'dev.yaml': withoutAdmin, 'app/template.yml': packaged };
    for (const [name, text] of Object.entries(files)) space.set(name, text);
    assert.deepEqual(lint(files), [
      // The packaged code in the deployed template's own file, and the role in its file.
      `CPX-S06 error ${lineOf(pipeline, `RoleArn: ${cfnRole}`)} ${cfnRole} app/template.yml:${lineOf(packaged, 'S3Bucket')} dev.yaml:${lineOf(withoutAdmin, 'CloudFormationRole:') + 1}`,
    ]);
    assert.deepEqual(space.lint('ci.yaml').findings.flatMap((finding) => finding.fixes), []);
  });

  it('the DEV roles not in the workspace: a warning', () => {
    assert.deepEqual(lint({ 'ci.yaml': pipeline, 'app/template.yml': packaged }), [
      `CPX-S06 warning ${lineOf(pipeline, `RoleArn: ${cfnRole}`)} ${cfnRole} app/template.yml:${lineOf(packaged, 'S3Bucket')}`,
    ]);
  });

  it('the packaged template not in the workspace: nothing to check', () => {
    assert.deepEqual(lint({ 'ci.yaml': pipeline, 'dev.yaml': withoutAdmin }), []);
  });
});
