import { rule } from '../../../src/core/rules/CPX-K05';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, lineOf, toJson } from '../../support/artifacts';

const KEY = (region: string): string => `'arn:aws:kms:${region}:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab'`;
const single = (region: string): string => artifactPipeline({ encryptionKey: `{Id: ${KEY(region)}, Type: KMS}` });
const stores = (storeRegion: string, keyRegion: string): string => single('eu-west-1').replace(
  `      ArtifactStore:
        Type: S3
        Location: !Ref Bucket
        EncryptionKey: {Id: ${KEY('eu-west-1')}, Type: KMS}`,
  `      ArtifactStores:
        - Region: ${storeRegion}
          ArtifactStore: {Type: S3, Location: !Ref Bucket, EncryptionKey: {Id: ${KEY(keyRegion)}, Type: KMS}}`,
);
const REGION = { 'AWS::Region': 'eu-west-1' };

ruleTester(rule, {
  valid: [
    { name: 'key and pipeline in the same region', code: single('eu-west-1'), parameters: REGION },
    { name: 'the pipeline region is not known', code: single('us-east-1') },
    { name: 'a regional store with a key of its region', code: stores('us-east-1', 'us-east-1') },
    { name: 'a key of this stack is in its region', code: artifactPipeline(), parameters: REGION },
  ],
  invalid: [
    {
      name: 'key in another region than the pipeline',
      code: single('us-east-1'), parameters: REGION,
      errors: [{ line: lineOf(single('us-east-1'), 'EncryptionKey:'), text: KEY('us-east-1'), severity: 'error' }],
      output: null,
    },
    {
      name: 'an ArtifactStores entry with a key of another region',
      code: stores('us-east-1', 'eu-west-1'),
      errors: [{ line: lineOf(stores('us-east-1', 'eu-west-1'), 'ArtifactStore: {'), text: KEY('eu-west-1') }],
    },
    {
      name: 'JSON',
      code: toJson(single('us-east-1')), fileName: 't.json', parameters: REGION,
      errors: [{ line: lineOf(toJson(single('us-east-1')), '"Id": ') }],
    },
  ],
});
