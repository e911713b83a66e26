import { rule } from '../../../src/core/rules/CPX-U01';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson, pipelineYaml } from '../../support/templates';
import { artifactPipeline, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

/** The artifact key and bucket come from parameters: their policies are declared elsewhere. */
const elsewhere = artifactPipeline({ encryptionKey: '{Id: !Ref KeyArn, Type: KMS}', bucketStatements: null })
  .replace('Location: !Ref Bucket', 'Location: !Ref BucketName')
  .replace('Parameters:', 'Parameters:\n  KeyArn: {Type: String}\n  BucketName: {Type: String}');
const crossAccountJson = getPipelineJson([cfnAction('deploy', { roleArn: 'arn:aws:iam::222222222222:role/deployer' }, { RoleArn: 'arn:aws:iam::222222222222:role/cfn' })])
  .replace('"location": "bucket"', '"location": "bucket", "encryptionKey": {"id": "arn:aws:kms:eu-west-1:111111111111:key/k", "type": "KMS"}');

const deploy = (account: string): string => pipelineYaml(`
- Name: Deploy
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: !Sub 'arn:aws:iam::${account}:role/a'
  Configuration: {ActionMode: CREATE_UPDATE, StackName: app, RoleArn: !Sub 'arn:aws:iam::${account}:role/cfn'}
`, { parameters: '  NoValue:\n    Type: String\n' });

ruleTester(rule, {
  valid: [
    { name: 'parameter with a default and the pipeline account given', code: deploy('${ProdAccountId}'), parameters: { 'AWS::AccountId': '111111111111' } },
    { name: 'the pipeline account itself', code: deploy('${AWS::AccountId}') },
    { name: 'value given on the command line', code: deploy('${NoValue}'), parameters: { NoValue: '222222222222', 'AWS::AccountId': '111111111111' } },
    { name: 'every grant of a cross-account pipeline is in the template', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'grants declared elsewhere do not matter to a same-account pipeline', code: toJson(elsewhere.replace("RoleArn: !Sub 'arn:aws:iam::${DevAccountId}:role/deployer'", 'RoleArn: !GetAtt PipelineRole.Arn')), fileName: 't.json', parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    { name: 'parameter without value: one note for both uses', code: deploy('${NoValue}'), errors: [{ line: 20, severity: 'info' }] },
    { name: 'pipeline account unknown', code: deploy('${ProdAccountId}'), errors: [{ line: 20 }] },
    {
      name: 'imported value',
      code: pipelineYaml(`
- Name: Deploy
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: !ImportValue DeployRoleArn
`),
      errors: [{ line: 18, text: '!ImportValue DeployRoleArn' }],
    },
    {
      name: 'the key and bucket policies are not in the template: one note, on the key',
      code: elsewhere, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(elsewhere, '{Id: !Ref KeyArn'), text: '!Ref KeyArn', severity: 'info' }],
    },
    {
      name: 'get-pipeline JSON holds no policies: the key, the bucket and the pipeline role are named',
      code: crossAccountJson, fileName: 'p.json',
      errors: [{ line: 7, text: '"arn:aws:kms:eu-west-1:111111111111:key/k"' }],
    },
  ],
});
