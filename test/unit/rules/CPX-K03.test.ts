import { rule } from '../../../src/core/rules/CPX-K03';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';
import { cfnAction, getPipelineJson } from '../../support/templates';

const byId = (id: string): string => artifactPipeline({ encryptionKey: `{Id: ${id}, Type: KMS}` });
const json = (id: string): string => getPipelineJson([cfnAction('deploy', { roleArn: 'arn:aws:iam::222222222222:role/deployer' }, { RoleArn: 'arn:aws:iam::222222222222:role/cfn' })])
  .replace('"location": "bucket"', `"location": "bucket", "encryptionKey": {"id": "${id}", "type": "KMS"}`);
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

ruleTester(rule, {
  valid: [
    { name: 'the key ARN', code: byId('!GetAtt Key.Arn'), parameters: PIPELINE_ACCOUNT },
    { name: 'a key ARN built with Fn::Sub', code: byId("!Sub 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/${Key}'"), parameters: PIPELINE_ACCOUNT },
    { name: 'a key id when every action runs in the pipeline account', code: json(KEY_ID).replace(/222222222222/g, '111111111111'), fileName: 'p.json' },
    { name: 'a whole key from a parameter: its form is not known', code: byId('!Ref KeyParam').replace('Parameters:', 'Parameters:\n  KeyParam: {Type: String}'), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: '!Ref of a key returns its id: the fix uses its ARN',
      code: byId('!Ref Key'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(byId('!Ref Key'), '{Id: !Ref Key'), column: 29, text: '!Ref Key', severity: 'error' }],
      output: byId('!GetAtt Key.Arn'),
    },
    {
      name: 'JSON template',
      code: toJson(byId('!Ref Key')), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(byId('!Ref Key')), '"Ref": "Key"') - 1 }],
      output: toJson(byId('!Ref Key')).replace(/\{\s*"Ref": "Key"\s*\}/, '{ "Fn::GetAtt": [ "Key", "Arn" ] }'),
    },
    {
      name: 'get-pipeline JSON: a bare key id, no fix',
      code: json(KEY_ID), fileName: 'p.json',
      errors: [{ line: 7, text: `"${KEY_ID}"` }],
      output: null,
    },
  ],
});
