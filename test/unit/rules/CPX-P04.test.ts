import { rule } from '../../../src/core/rules/CPX-P04';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (configuration: string, role = ''): string => stagesYaml(`
- Name: Publish
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: S3, Version: '1'}
  Configuration: {BucketName: site, ${configuration}}
  InputArtifacts: [{Name: Build}]${role}
`);

const PROD = '\n  RoleArn: arn:aws:iam::222222222222:role/publisher';

ruleTester(rule, {
  valid: [
    { name: 'extracting', code: deploy("Extract: 'true'") },
    { name: 'not extracting, with a key', code: deploy("Extract: 'false', ObjectKey: site.zip") },
    { name: 'an alias in the same account', code: deploy("Extract: 'true', KMSEncryptionKeyARN: alias/site") },
    { name: 'a key ARN across accounts', code: deploy("Extract: 'true', KMSEncryptionKeyARN: 'arn:aws:kms:eu-west-1:111111111111:key/1'", PROD) },
  ],
  invalid: [
    { name: 'not extracting, no key', code: deploy('Extract: false'), errors: [{ line: 19, text: 'false', severity: 'info' }] },
    { name: 'an alias across accounts', code: deploy("Extract: 'true', KMSEncryptionKeyARN: alias/site", PROD), errors: [{ line: 19, text: 'alias/site' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Publish', actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'S3', version: '1' }, configuration: { BucketName: 'site', Extract: 'false' }, inputArtifacts: [{ name: 'Build' }] }]),
      errors: [{ line: 23, text: '"false"' }],
    },
  ],
});
