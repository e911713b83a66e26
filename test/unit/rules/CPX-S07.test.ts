import { rule } from '../../../src/core/rules/CPX-S07';
import { ruleTester } from '../../support/rule-tester';
import { SELF, SELF_JSON, selfDeployingJson, selfDeployingYaml } from '../../support/pipelines';

const deploy = (codeUri: string, region = ''): string => selfDeployingYaml(
  'ActionMode: CHANGE_SET_REPLACE\nChangeSetName: c\nCapabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND',
  { transform: 'AWS::Serverless-2016-10-31', resources: `  Handler:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: '${codeUri}'}\n` },
).replace('              InputArtifacts:', `${region}              InputArtifacts:`);

const PACKAGED = 'https://my-packages.s3.us-east-1.amazonaws.com/app.zip';

ruleTester(rule, {
  valid: [
    { name: 'same region', fileName: SELF, code: deploy(PACKAGED, '              Region: us-east-1\n') },
    { name: 'an s3:// URI names no region', fileName: SELF, code: deploy('s3://my-packages/app.zip', '              Region: eu-west-1\n') },
    { name: 'pipeline region unknown', fileName: SELF, code: deploy(PACKAGED) },
  ],
  invalid: [
    { name: 'the action deploys to another region', fileName: SELF, code: deploy(PACKAGED, '              Region: eu-west-1\n'), errors: [{ line: 19, text: 'Build::infra/app.yaml', severity: 'error' }] },
    { name: 'the pipeline region', fileName: SELF, code: deploy(PACKAGED), parameters: { 'AWS::Region': 'eu-west-1' }, errors: [{ line: 19 }] },
    {
      name: 'template in JSON',
      fileName: SELF_JSON,
      parameters: { 'AWS::Region': 'eu-west-1' },
      code: selfDeployingJson({ ActionMode: 'CREATE_UPDATE' }, { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: 'https://code.s3.us-west-2.amazonaws.com/fn.zip' } } } }),
      errors: [{ line: 32, text: '"Build::infra/app.json"' }],
    },
  ],
});
