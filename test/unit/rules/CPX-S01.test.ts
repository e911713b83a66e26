import { rule } from '../../../src/core/rules/CPX-S01';
import { ruleTester } from '../../support/rule-tester';
import { SELF, SELF_JSON, selfDeployingJson, selfDeployingYaml } from '../../support/pipelines';

const SAM = { transform: 'AWS::Serverless-2016-10-31' };
const deploy = (configuration: string, template: { transform?: string; resources?: string } = SAM): string => selfDeployingYaml(configuration, template);

ruleTester(rule, {
  valid: [
    { name: 'with the capability', fileName: SELF, code: deploy('ActionMode: CREATE_UPDATE\nCapabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND') },
    { name: 'a change set needs none', fileName: SELF, code: deploy('ActionMode: CHANGE_SET_REPLACE\nChangeSetName: c') },
    { name: 'no transform', fileName: SELF, code: deploy('ActionMode: CREATE_UPDATE', {}) },
    { name: 'the deployed template is another file', fileName: 'repo/infra/other.yaml', code: deploy('ActionMode: CREATE_UPDATE') },
    { name: 'computed capabilities', fileName: SELF, code: deploy('ActionMode: CREATE_UPDATE\nCapabilities: !Ref Capabilities') },
  ],
  invalid: [
    {
      name: 'SAM with CREATE_UPDATE: the fix adds the capability',
      fileName: SELF,
      code: deploy('ActionMode: CREATE_UPDATE\nCapabilities: CAPABILITY_IAM # needed'),
      errors: [{ line: 18, text: 'CAPABILITY_IAM', severity: 'error' }],
      output: deploy('ActionMode: CREATE_UPDATE\nCapabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND # needed'),
    },
    {
      name: 'no Capabilities at all: the fix adds the key',
      fileName: SELF,
      code: deploy('ActionMode: REPLACE_ON_FAILURE'),
      errors: [{ line: 14, text: 'Configuration' }],
      output: deploy('ActionMode: REPLACE_ON_FAILURE\nCapabilities: CAPABILITY_AUTO_EXPAND'),
    },
    {
      name: 'a Fn::Transform macro; the direct mode in one Fn::If branch is still certain to fail there',
      fileName: SELF,
      code: deploy('ActionMode: !If [Fast, CREATE_UPDATE, CHANGE_SET_REPLACE]\nChangeSetName: c', { resources: "  Snippet:\n    Type: AWS::SNS::Topic\n    Properties:\n      Fn::Transform: {Name: 'AWS::Include', Parameters: {Location: 's3://b/k'}}\n" }),
      errors: [{ line: 17, severity: 'error' }],
    },
    {
      name: 'the capability missing in one Fn::If branch of Capabilities: a warning',
      fileName: SELF,
      code: deploy('ActionMode: CREATE_UPDATE\nCapabilities: !If [Expand, CAPABILITY_AUTO_EXPAND, CAPABILITY_IAM]'),
      errors: [{ line: 18, severity: 'warning' }],
      output: null,
    },
    {
      name: 'template in JSON: the fix rewrites the string',
      fileName: SELF_JSON,
      code: selfDeployingJson({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_IAM' }, SAM),
      errors: [{ line: 29, text: '"CAPABILITY_IAM"' }],
      output: selfDeployingJson({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND' }, SAM),
    },
  ],
});
