import { rule } from '../../../src/core/rules/CPX-K09';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

/** A build in the pipeline account whose output the DEV deploy reads. */
const build = (projectKey: string, deployRole = DEPLOYER): string => artifactPipeline({
  resources: `
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      ServiceRole: !GetAtt PipelineRole.Arn${projectKey}`,
  deployActions: `
            - Name: Build
              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
              Configuration: {ProjectName: !Ref Project}
              InputArtifacts: [{Name: Src}]
              OutputArtifacts: [{Name: Built}]
            - Name: Deploy
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              RoleArn: ${deployRole}
              Configuration: {ActionMode: CREATE_UPDATE, StackName: app, TemplatePath: Built::t.yaml, RoleArn: !Sub 'arn:aws:iam::\${DevAccountId}:role/cfn'}
              InputArtifacts: [{Name: Built}]
              RunOrder: 2`,
});
const withKey = build('\n      EncryptionKey: !GetAtt Key.Arn');
const otherKey = build('\n      EncryptionKey: !GetAtt OtherKey.Arn').replace('  Project:', '  OtherKey: {Type: AWS::KMS::Key}\n  Project:');

ruleTester(rule, {
  valid: [
    { name: 'the project uses the pipeline key', code: withKey, parameters: PIPELINE_ACCOUNT },
    { name: 'the same key through its alias resource', code: build('\n      EncryptionKey: !Ref KeyAlias').replace('  Project:', '  KeyAlias: {Type: AWS::KMS::Alias, Properties: {AliasName: alias/a, TargetKeyId: !Ref Key}}\n  Project:'), parameters: PIPELINE_ACCOUNT },
    { name: 'no action in another account reads the build output', code: build('', '!GetAtt PipelineRole.Arn'), parameters: PIPELINE_ACCOUNT },
    { name: 'a key ARN that may be the same key', code: build("\n      EncryptionKey: 'arn:aws:kms:eu-west-1:111111111111:key/k'"), parameters: PIPELINE_ACCOUNT },
    { name: 'the project is not in this template', code: build('').replace('{ProjectName: !Ref Project}', '{ProjectName: elsewhere}'), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'no EncryptionKey on the project: the fix sets the pipeline key',
      code: build(''), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(build(''), 'ProjectName: !Ref Project'), text: '!Ref Project', severity: 'warning' }],
      output: withKey,
    },
    {
      name: 'another key of this template',
      code: otherKey, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(otherKey, 'ProjectName: !Ref Project') }],
      output: otherKey.replace('EncryptionKey: !GetAtt OtherKey.Arn', 'EncryptionKey: !GetAtt Key.Arn'),
    },
    {
      name: 'JSON',
      code: toJson(build('')), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(build('')), '"ProjectName"') }],
      output: toJson(withKey),
    },
  ],
});
