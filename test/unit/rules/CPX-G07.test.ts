import { rule } from '../../../src/core/rules/CPX-G07';
import { ruleTester } from '../../support/rule-tester';
import { stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (bucket: string, region: string): string => `${stagesYaml(`
- Name: Publish
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: S3, Version: '1'}
  Configuration: {BucketName: ${bucket}, Extract: 'true'}
  InputArtifacts: [{Name: Build}]
  Region: ${region}
`)}  Site:
    Type: AWS::S3::Bucket
`;

const REGION = { 'AWS::Region': 'eu-west-1' };

ruleTester(rule, {
  valid: [
    { name: 'a bucket of this stack, in its region', code: deploy('!Ref Site', '!Ref AWS::Region'), parameters: REGION },
    { name: 'a bucket named by name: its region is not known', code: deploy('my-site', 'us-east-1'), parameters: REGION },
  ],
  invalid: [
    { name: 'pipeline region unknown: a warning', code: deploy('!Ref Site', 'us-east-1'), errors: [{ line: 19, severity: 'warning' }] },
    { name: 'a bucket of this stack, another region', code: deploy('!Ref Site', 'us-east-1'), parameters: REGION, errors: [{ line: 19, text: '!Ref Site', severity: 'error' }] },
    {
      name: 'template in JSON',
      fileName: 't.json',
      parameters: REGION,
      code: templateJson([{
        Name: 'Publish', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'S3', Version: '1' },
        Configuration: { BucketName: { Ref: 'Site' }, Extract: 'true' }, InputArtifacts: [{ Name: 'Build' }], Region: 'us-east-1',
      }]).replace('"Resources": {', '"Resources": {\n    "Site": {"Type": "AWS::S3::Bucket"},'),
      errors: [{ line: 26, text: '{\n                    "Ref": "Site"\n                  }' }],
    },
  ],
});
