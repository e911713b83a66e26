import { rule } from '../../../src/core/rules/CPX-K04';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, lineOf, toJson } from '../../support/artifacts';

const withKey = (encryptionKey: string): string => artifactPipeline({ encryptionKey });

ruleTester(rule, {
  valid: [
    { name: 'Type KMS', code: withKey('{Id: !GetAtt Key.Arn, Type: KMS}') },
    { name: 'no EncryptionKey at all (the default key)', code: artifactPipeline({ encryptionKey: null }) },
  ],
  invalid: [
    {
      name: 'another type: the fix writes KMS',
      code: withKey('{Id: !GetAtt Key.Arn, Type: AES256}'),
      errors: [{ line: lineOf(withKey('{Id: !GetAtt Key.Arn, Type: AES256}'), 'Type: AES256'), column: 52, text: 'AES256', severity: 'error' }],
      output: withKey('{Id: !GetAtt Key.Arn, Type: KMS}'),
    },
    {
      name: 'no Type: the fix adds it',
      code: withKey('{Id: !GetAtt Key.Arn}'),
      errors: [{ line: lineOf(withKey('{Id: !GetAtt Key.Arn}'), 'EncryptionKey:'), text: 'EncryptionKey' }],
      output: withKey('{Id: !GetAtt Key.Arn, Type: KMS}'),
    },
    {
      name: 'JSON',
      code: toJson(withKey('{Id: !GetAtt Key.Arn, Type: kms}')), fileName: 't.json',
      errors: [{ line: lineOf(toJson(withKey('{Id: !GetAtt Key.Arn, Type: kms}')), '"Type": "kms"'), text: '"kms"' }],
      output: toJson(withKey('{Id: !GetAtt Key.Arn, Type: KMS}')),
    },
  ],
});
