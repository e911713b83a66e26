import { rule } from '../../../src/core/rules/CPX-K02';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';
import { cfnAction, getPipelineJson } from '../../support/templates';

const alias = `
  KeyAlias:
    Type: AWS::KMS::Alias
    Properties: {AliasName: alias/artifacts, TargetKeyId: !Ref Key}`;
const byAlias = (id: string): string => artifactPipeline({ resources: alias, encryptionKey: `{Id: ${id}, Type: KMS}` });
const fixed = byAlias('!GetAtt Key.Arn');
const json = (id: string): string => getPipelineJson([cfnAction('deploy', { roleArn: 'arn:aws:iam::222222222222:role/deployer' }, { RoleArn: 'arn:aws:iam::222222222222:role/cfn' })])
  .replace('"location": "bucket"', `"location": "bucket", "encryptionKey": {"id": "${id}", "type": "KMS"}`);

ruleTester(rule, {
  valid: [
    { name: 'the key ARN', code: fixed, parameters: PIPELINE_ACCOUNT },
    { name: 'an alias in a same-account pipeline', code: byAlias('!Ref KeyAlias').replace("RoleArn: !Sub 'arn:aws:iam::${DevAccountId}:role/deployer'", 'RoleArn: !GetAtt PipelineRole.Arn'), parameters: PIPELINE_ACCOUNT },
    { name: 'get-pipeline JSON with the key ARN', code: json('arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'), fileName: 'p.json' },
  ],
  invalid: [
    {
      name: '!Ref of an alias returns the alias name: the fix uses the ARN of its key',
      code: byAlias('!Ref KeyAlias'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(byAlias('!Ref KeyAlias'), '{Id: !Ref KeyAlias'), column: 29, text: '!Ref KeyAlias', severity: 'error' }],
      output: fixed,
    },
    {
      name: 'alias/name written out',
      code: byAlias('alias/artifacts'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(byAlias('alias/artifacts'), '{Id: alias/artifacts'), text: 'alias/artifacts' }],
      output: fixed,
    },
    {
      name: 'JSON template',
      code: toJson(byAlias('!Ref KeyAlias')), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(byAlias('!Ref KeyAlias')), '"Ref": "KeyAlias"') - 1 }],
      output: toJson(byAlias('!Ref KeyAlias')).replace(/\{\s*"Ref": "KeyAlias"\s*\}/, '{ "Fn::GetAtt": [ "Key", "Arn" ] }'),
    },
    {
      name: 'get-pipeline JSON: an alias ARN, no fix (the key ARN is not in the file)',
      code: json('arn:aws:kms:eu-west-1:111111111111:alias/artifacts'), fileName: 'p.json',
      errors: [{ line: 7, text: '"arn:aws:kms:eu-west-1:111111111111:alias/artifacts"' }],
      output: null,
    },
  ],
});
