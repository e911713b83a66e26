import { rule } from '../../../src/core/rules/CPX-S05';
import { ruleTester } from '../../support/rule-tester';
import { SELF, SELF_JSON, selfDeployingJson, selfDeployingYaml } from '../../support/pipelines';

const fn = (codeUri: string): string => `  Handler:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: ${codeUri}}\n`;
const deploy = (resources: string): string =>
  selfDeployingYaml('ActionMode: CHANGE_SET_REPLACE\nChangeSetName: c\nCapabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND', { transform: 'AWS::Serverless-2016-10-31', resources });

ruleTester(rule, {
  valid: [
    { name: 'packaged to S3', fileName: SELF, code: deploy(fn('s3://my-packages/app.zip')) },
    { name: 'an S3 URL', fileName: SELF, code: deploy(fn('https://my-packages.s3.eu-west-1.amazonaws.com/app.zip')) },
    { name: 'a bucket and key mapping', fileName: SELF, code: deploy(fn('{Bucket: my-packages, Key: app.zip}')) },
    { name: 'another file is deployed', fileName: 'repo/infra/pipeline.yaml', code: deploy(fn('./src')) },
  ],
  invalid: [
    { name: 'a local CodeUri', fileName: SELF, code: deploy(fn('./src')), errors: [{ line: 19, text: 'Build::infra/app.yaml', severity: 'error' }] },
    {
      name: 'a local nested stack template',
      fileName: SELF,
      code: deploy('  Network:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: network.yaml}\n'),
      errors: [{ line: 19 }],
    },
    {
      name: 'template in JSON',
      fileName: SELF_JSON,
      code: selfDeployingJson({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND' }, {
        transform: 'AWS::Serverless-2016-10-31',
        resources: { Handler: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'python3.12', Handler: 'app.handler', CodeUri: 'src/' } } },
      }),
      errors: [{ line: 35, text: '"Build::infra/app.json"' }],
    },
  ],
});
