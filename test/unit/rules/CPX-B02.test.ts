import { rule } from '../../../src/core/rules/CPX-B02';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

const encrypted = (defaults: string): string => artifactPipeline({
  bucketProperties: `
      VersioningConfiguration: {Status: Enabled}
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: ${defaults}`,
  resources: '\n  OtherKey: {Type: AWS::KMS::Key}',
});

ruleTester(rule, {
  valid: [
    { name: 'the pipeline key by default', code: encrypted('{SSEAlgorithm: aws:kms, KMSMasterKeyID: !GetAtt Key.Arn}'), parameters: PIPELINE_ACCOUNT },
    { name: 'the pipeline key by its id', code: encrypted('{SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key}'), parameters: PIPELINE_ACCOUNT },
    { name: 'S3-managed keys (AES256) need no KMS grant', code: encrypted('{SSEAlgorithm: AES256}'), parameters: PIPELINE_ACCOUNT },
    { name: 'no default encryption', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'a same-account pipeline', code: encrypted('{SSEAlgorithm: aws:kms}') },
  ],
  invalid: [
    {
      name: 'aws:kms without a key means aws/s3',
      code: encrypted('{SSEAlgorithm: aws:kms}'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(encrypted('{SSEAlgorithm: aws:kms}'), 'SSEAlgorithm'), text: 'aws:kms', severity: 'warning' }],
      output: null,
    },
    {
      name: 'another key',
      code: encrypted('{SSEAlgorithm: aws:kms, KMSMasterKeyID: !GetAtt OtherKey.Arn}'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(encrypted('{SSEAlgorithm: aws:kms}'), 'SSEAlgorithm'), text: '!GetAtt OtherKey.Arn' }],
    },
    {
      name: 'JSON',
      code: toJson(encrypted('{SSEAlgorithm: aws:kms}')), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(encrypted('{SSEAlgorithm: aws:kms}')), '"SSEAlgorithm"'), text: '"aws:kms"' }],
    },
  ],
});
