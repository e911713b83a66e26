import { rule } from '../../../src/core/rules/CPX-K01';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';
import { cfnAction, getPipelineJson } from '../../support/templates';

const noKey = artifactPipeline({ encryptionKey: null });
const newKey = `
  ArtifactKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: 'true'
      KeyPolicy:
        Version: '2012-10-17'
        Statement:
          - Sid: AccountAdmin
            Effect: Allow
            Principal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: kms:*
            Resource: '*'
          - Sid: PipelineRoleUse
            Effect: Allow
            Principal:
              AWS: !GetAtt PipelineRole.Arn
            Action: [kms:Decrypt, kms:DescribeKey, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*]
            Resource: '*'
          - Sid: PipelineArtifactsReadDevAccountId
            Effect: Allow
            Principal:
              AWS: ${DEPLOYER}
            Action: [kms:Decrypt, kms:DescribeKey]
            Resource: '*'
  ArtifactKeyAlias:
    Type: AWS::KMS::Alias
    Properties:
      AliasName: !Sub 'alias/\${AWS::StackName}-artifacts'
      TargetKeyId: !Ref ArtifactKey`;
const fixed = noKey
  .replace('        Location: !Ref Bucket', `        Location: !Ref Bucket
        EncryptionKey:
          Id: !GetAtt ArtifactKey.Arn
          Type: KMS`)
  .replace(/\n$/, `${newKey}\n`);

const crossAccountJson = getPipelineJson([cfnAction('deploy', { roleArn: 'arn:aws:iam::222222222222:role/deployer' }, { RoleArn: 'arn:aws:iam::222222222222:role/cfn' })]);

ruleTester(rule, {
  valid: [
    { name: 'the store has a customer managed key', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'a same-account pipeline needs none', code: noKey.replace(`RoleArn: ${DEPLOYER}`, 'RoleArn: !GetAtt PipelineRole.Arn'), parameters: PIPELINE_ACCOUNT },
    { name: 'the account of the action is not known', code: noKey },
    { name: 'get-pipeline JSON with a key', code: crossAccountJson.replace('"location": "bucket"', '"location": "bucket", "encryptionKey": {"id": "arn:aws:kms:eu-west-1:111111111111:key/k", "type": "KMS"}'), fileName: 'p.json' },
  ],
  invalid: [
    {
      name: 'no EncryptionKey: the fix (not preferred) creates a key shared with the action role, an alias, and the EncryptionKey',
      code: noKey, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(noKey, 'ArtifactStore:'), column: 7, text: 'ArtifactStore', severity: 'error' }],
      output: fixed,
    },
    {
      name: 'JSON template: the same resources',
      code: toJson(noKey), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(noKey), '"ArtifactStore"') }],
      output: toJson(fixed),
    },
    {
      name: 'get-pipeline JSON: the fix adds encryptionKey with a placeholder key ARN',
      code: crossAccountJson, fileName: 'p.json',
      errors: [{ line: 5, text: '"artifactStore"' }],
      output: crossAccountJson.replace('"location": "bucket"\n', '"location": "bucket",\n      "encryptionKey": {\n        "id": "arn:aws:kms:eu-west-1:111111111111:key/REPLACE-WITH-KEY-ID",\n        "type": "KMS"\n      }\n'),
    },
  ],
});
