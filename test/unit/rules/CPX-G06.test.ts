import { rule } from '../../../src/core/rules/CPX-G06';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { pipelineTemplate } from '../../support/pipelines';

const pipeline = (usStore: string, role: string): string => pipelineTemplate(`      ArtifactStores:
        - {Region: !Ref AWS::Region, ArtifactStore: {Type: S3, Location: artifacts, EncryptionKey: {Id: arn:aws:kms:eu-west-1:111111111111:key/1, Type: KMS}}}
        - {Region: us-east-1, ArtifactStore: ${usStore}}
      Stages:
        - Name: Deploy
          Actions:
            - Name: Release
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              Configuration: {ActionMode: CREATE_UPDATE, StackName: app}
              Region: us-east-1${role}
`);

const PROD = '\n              RoleArn: arn:aws:iam::222222222222:role/deployer';
const PLAIN = '{Type: S3, Location: artifacts-us}';
const KEYED = '{Type: S3, Location: artifacts-us, EncryptionKey: {Id: arn:aws:kms:us-east-1:111111111111:key/2, Type: KMS}}';
const REGION = { 'AWS::Region': 'eu-west-1' };

ruleTester(rule, {
  valid: [
    { name: 'the regional store has a key', code: pipeline(KEYED, PROD), parameters: REGION },
    { name: 'same account', code: pipeline(PLAIN, ''), parameters: REGION },
    { name: 'the account may be the pipeline’s', code: pipeline(PLAIN, '\n              RoleArn: !Ref DeployerArn'), parameters: REGION },
  ],
  invalid: [
    { name: 'cross-account and cross-region, no key', code: pipeline(PLAIN, PROD), parameters: REGION, errors: [{ line: 9, text: 'ArtifactStore', severity: 'warning' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Release', actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' }, region: 'us-east-1', roleArn: 'arn:aws:iam::222222222222:role/deployer' }])
        .replace('"artifactStore": {', '"artifactStores": {\n      "eu-west-1": {"type": "S3", "location": "a", "encryptionKey": {"id": "arn:aws:kms:eu-west-1:111111111111:key/1", "type": "KMS"}},\n      "us-east-1": {"type": "S3", "location": "b"}\n    },\n    "unused": {'),
      errors: [{ line: 7, text: '"us-east-1"' }],
    },
  ],
});
