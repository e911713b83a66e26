// `node out/bench/workspace.js`: a workspace of 1,000 small generated templates (one pipeline
// per 10 files, each naming roles defined in the other nine), indexed and linted once, then one
// role template edited and its dependents re-linted. Prints figures; not a timed test.
import { performance } from 'node:perf_hooks';
import { RULES, Workspace } from '../src/core';

const FILES = Number(process.env.FILES ?? 1000);
const GROUP = 10;

function pipeline(group: number): string {
  const actions = Array.from({ length: GROUP - 1 }, (_, i) => `
            - Name: deploy-${i}
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              RoleArn: !Sub 'arn:aws:iam::\${TargetAccount}:role/g${group}-action-${i}'
              Configuration:
                ActionMode: CREATE_UPDATE
                StackName: app-${i}
                TemplatePath: Build::template.yaml
                RoleArn: !Sub 'arn:aws:iam::\${TargetAccount}:role/g${group}-cfn-${i}'
              InputArtifacts: [{Name: Build}]`).join('');
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  TargetAccount: {Type: String, Default: '222222222222'}
Resources:
  Bucket: {Type: AWS::S3::Bucket}
  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}]}
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref Bucket}
      Stages:
        - Name: Source
          Actions:
            - Name: source
              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {S3Bucket: !Ref Bucket, S3ObjectKey: app.zip}
              OutputArtifacts: [{Name: Build}]
        - Name: Deploy
          Actions:${actions}
`;
}

function roles(group: number, index: number, trust = "!Sub 'arn:aws:iam::${PipelineAccount}:root'"): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  PipelineAccount: {Type: String, Default: '111111111111'}
Resources:
  ActionRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: g${group}-action-${index}
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {AWS: ${trust}}, Action: sts:AssumeRole}]}
      Policies:
        - PolicyName: deploy
          PolicyDocument: {Statement: [{Effect: Allow, Action: ['cloudformation:*', 'iam:PassRole'], Resource: '*'}]}
  CloudFormationRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: g${group}-cfn-${index}
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: cloudformation.amazonaws.com}, Action: sts:AssumeRole}]}
`;
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

const files = new Map<string, string>();
for (let n = 0; n < FILES; n++) {
  const group = Math.floor(n / GROUP);
  files.set(`g${group}/${n % GROUP === 0 ? 'pipeline' : `roles-${(n % GROUP) - 1}`}.yaml`, n % GROUP === 0 ? pipeline(group) : roles(group, (n % GROUP) - 1));
}
const workspace = new Workspace({ rules: RULES, parameterValues: new Map([['AWS::AccountId', '111111111111']]) });
const [, setMs] = time(() => files.forEach((text, name) => workspace.load(name, text)));
const [links, linkMs] = time(() => workspace.links());
const [findings, lintMs] = time(() => workspace.fileNames.reduce((sum, name) => sum + workspace.lint(name).findings.length, 0));
const edited = 'g0/roles-0.yaml';
const [dependents, editMs] = time(() => {
  workspace.set(edited, roles(0, 0, "!Sub 'arn:aws:iam::${AWS::AccountId}:root'"));
  const names = workspace.dependentsOf(edited);
  for (const name of [edited, ...names]) workspace.lint(name);
  return names;
});
const r06 = workspace.lint('g0/pipeline.yaml').findings.filter((finding) => finding.ruleId === 'CPX-R06').length;
const bytes = [...files.values()].reduce((sum, text) => sum + text.length, 0);
console.log(`${files.size} files (${(bytes / 1024).toFixed(0)} KB): parsed and indexed in ${setMs.toFixed(0)} ms`);
console.log(`links: ${links.length} in ${linkMs.toFixed(0)} ms; every file linted in ${lintMs.toFixed(0)} ms (${findings} findings)`);
console.log(`one role template edited: it and ${dependents.length} dependent (${dependents.join(', ')}) re-indexed and re-linted in ${editMs.toFixed(1)} ms; CPX-R06 findings after the edit: ${r06}`);
