import { rule } from '../../../src/core/rules/CPX-K06';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';
import { getPipelineJson } from '../../support/templates';

const keyIn = (account: string): string => artifactPipeline({ encryptionKey: `{Id: 'arn:aws:kms:eu-west-1:${account}:key/k', Type: KMS}` });
const json = (account: string): string => getPipelineJson([]).replace('"location": "bucket"', `"location": "bucket", "encryptionKey": {"id": "arn:aws:kms:eu-west-1:${account}:key/k", "type": "KMS"}`);

ruleTester(rule, {
  valid: [
    { name: 'a key of the pipeline account', code: keyIn('111111111111'), parameters: PIPELINE_ACCOUNT },
    { name: 'a key of this stack', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'the pipeline account is not known', code: keyIn('222222222222') },
    { name: 'get-pipeline JSON, same account', code: json('111111111111'), fileName: 'p.json' },
  ],
  invalid: [
    {
      name: 'a key of another account',
      code: keyIn('222222222222'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(keyIn('222222222222'), 'EncryptionKey:'), text: "'arn:aws:kms:eu-west-1:222222222222:key/k'", severity: 'warning' }],
      output: null,
    },
    { name: 'JSON template', code: toJson(keyIn('222222222222')), fileName: 't.json', parameters: PIPELINE_ACCOUNT, errors: [{ line: lineOf(toJson(keyIn('222222222222')), '"Id"') }] },
    { name: 'get-pipeline JSON', code: json('222222222222'), fileName: 'p.json', errors: [{ line: 7 }] },
  ],
});
