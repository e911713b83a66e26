import { rule } from '../../../src/core/rules/CPX-S04';
import { ruleTester } from '../../support/rule-tester';
import { SELF, SELF_JSON, selfDeployingJson, selfDeployingYaml } from '../../support/pipelines';

const NAMED = '  Role:\n    Type: AWS::IAM::Role\n    Properties: {RoleName: app-runtime}\n';
const deploy = (capabilities: string): string => selfDeployingYaml(`ActionMode: CREATE_UPDATE\n${capabilities}`, { resources: NAMED });

ruleTester(rule, {
  valid: [
    { name: 'named capability', fileName: SELF, code: deploy('Capabilities: CAPABILITY_NAMED_IAM') },
    { name: 'neither capability: CPX-S03 reports it', fileName: SELF, code: deploy('Capabilities: CAPABILITY_AUTO_EXPAND') },
    { name: 'unnamed role', fileName: SELF, code: selfDeployingYaml('ActionMode: CREATE_UPDATE\nCapabilities: CAPABILITY_IAM', { resources: '  Role:\n    Type: AWS::IAM::Role\n' }) },
  ],
  invalid: [
    {
      name: 'CAPABILITY_IAM is not enough: the fix upgrades it',
      fileName: SELF,
      code: deploy('Capabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND'),
      errors: [{ line: 20, text: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND', severity: 'error' }],
      output: deploy('Capabilities: CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND'),
    },
    {
      name: 'template in JSON',
      fileName: SELF_JSON,
      code: selfDeployingJson({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_IAM' }, { resources: { Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app' } } } }),
      errors: [{ line: 34, text: '"CAPABILITY_IAM"' }],
      output: selfDeployingJson({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_NAMED_IAM' }, { resources: { Role: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'app' } } } }),
    },
  ],
});
