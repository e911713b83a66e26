import { rule } from '../../../src/core/rules/CPX-S03';
import { ruleTester } from '../../support/rule-tester';
import { SELF, SELF_JSON, selfDeployingJson, selfDeployingYaml } from '../../support/pipelines';

const FUNCTION = '  Handler:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: s3://code/app.zip}\n';
const sam = (configuration: string, resources = FUNCTION): string =>
  selfDeployingYaml(`ActionMode: CHANGE_SET_REPLACE\nChangeSetName: c\n${configuration}`, { transform: 'AWS::Serverless-2016-10-31', resources });

ruleTester(rule, {
  valid: [
    { name: 'with CAPABILITY_IAM', fileName: SELF, code: sam('Capabilities: CAPABILITY_IAM') },
    { name: 'with CAPABILITY_NAMED_IAM', fileName: SELF, code: sam('Capabilities: CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND') },
    { name: 'a function with its own role creates no IAM resource', fileName: SELF, code: sam('Capabilities: CAPABILITY_AUTO_EXPAND', FUNCTION.replace('Handler: app.handler', 'Handler: app.handler, Role: arn:aws:iam::111111111111:role/fn')) },
    { name: 'executing a change set', fileName: SELF, code: selfDeployingYaml('ActionMode: CHANGE_SET_EXECUTE\nChangeSetName: c', { resources: '  Role:\n    Type: AWS::IAM::Role\n' }) },
  ],
  invalid: [
    {
      name: 'a SAM function without a role: the fix adds CAPABILITY_IAM',
      fileName: SELF,
      code: sam('Capabilities: CAPABILITY_AUTO_EXPAND'),
      errors: [{ line: 22, text: 'CAPABILITY_AUTO_EXPAND', severity: 'error' }],
      output: sam('Capabilities: CAPABILITY_AUTO_EXPAND,CAPABILITY_IAM'),
    },
    {
      name: 'a named role: the fix adds CAPABILITY_NAMED_IAM',
      fileName: SELF,
      code: selfDeployingYaml('ActionMode: CREATE_UPDATE', { resources: '  Role:\n    Type: AWS::IAM::Role\n    Properties: {RoleName: app}\n' }),
      errors: [{ line: 16, text: 'Configuration' }],
      output: selfDeployingYaml('ActionMode: CREATE_UPDATE\nCapabilities: CAPABILITY_NAMED_IAM', { resources: '  Role:\n    Type: AWS::IAM::Role\n    Properties: {RoleName: app}\n' }),
    },
    {
      name: 'template in JSON: the fix adds the key',
      fileName: SELF_JSON,
      code: selfDeployingJson({ ActionMode: 'CREATE_UPDATE' }, { resources: { Role: { Type: 'AWS::IAM::Role' } } }),
      errors: [{ line: 27, text: '"Configuration"' }],
      output: selfDeployingJson({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_IAM' }, { resources: { Role: { Type: 'AWS::IAM::Role' } } }),
    },
  ],
});
