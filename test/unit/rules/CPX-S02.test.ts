import { rule } from '../../../src/core/rules/CPX-S02';
import { ruleTester } from '../../support/rule-tester';
import { SELF, SELF_JSON, selfDeployingJson, selfDeployingYaml } from '../../support/pipelines';

const NESTED = "  Shared:\n    Type: AWS::Serverless::Application\n    Properties:\n      Location: {ApplicationId: 'arn:aws:serverlessrepo:us-east-1:123456789012:applications/shared', SemanticVersion: 1.0.0}\n";
const deploy = (configuration: string, resources = NESTED): string =>
  selfDeployingYaml(`ActionMode: CHANGE_SET_REPLACE\nChangeSetName: c\n${configuration}`, { transform: 'AWS::Serverless-2016-10-31', resources });

ruleTester(rule, {
  valid: [
    { name: 'with the capability', fileName: SELF, code: deploy('Capabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND') },
    { name: 'no nested application', fileName: SELF, code: deploy('Capabilities: CAPABILITY_IAM', '') },
  ],
  invalid: [
    {
      name: 'a nested application in a change set: the fix adds the capability',
      fileName: SELF,
      code: deploy('Capabilities: CAPABILITY_IAM'),
      errors: [{ line: 23, text: 'CAPABILITY_IAM', severity: 'warning' }],
      output: deploy('Capabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND'),
    },
    {
      name: 'template in JSON',
      fileName: SELF_JSON,
      code: selfDeployingJson({ ActionMode: 'CHANGE_SET_REPLACE', ChangeSetName: 'c' }, {
        transform: 'AWS::Serverless-2016-10-31',
        resources: { Network: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 's3://b/network.yaml' } } },
      }),
      errors: [{ line: 31, text: '"Configuration"' }],
      output: selfDeployingJson({ ActionMode: 'CHANGE_SET_REPLACE', ChangeSetName: 'c', Capabilities: 'CAPABILITY_AUTO_EXPAND' }, {
        transform: 'AWS::Serverless-2016-10-31',
        resources: { Network: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 's3://b/network.yaml' } } },
      }),
    },
  ],
});
