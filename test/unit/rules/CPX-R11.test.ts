import { rule } from '../../../src/core/rules/CPX-R11';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const deploy = (mode: string, cfnRole: string): string => pipelineYaml(`
- Name: Deploy
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: !Sub 'arn:aws:iam::\${ProdAccountId}:role/a'
  Configuration:
    ActionMode: ${mode}
    StackName: app${cfnRole}
`);

ruleTester(rule, {
  valid: [
    { name: 'role given', code: deploy('CREATE_UPDATE', "\n    RoleArn: !Sub 'arn:aws:iam::${ProdAccountId}:role/cfn'") },
    { name: 'execute needs no role', code: deploy('CHANGE_SET_EXECUTE', '') },
  ],
  invalid: [
    { name: 'CREATE_UPDATE without a CloudFormation role', code: deploy('CREATE_UPDATE', ''), errors: [{ line: 19, text: 'Configuration', severity: 'error' }] },
    { name: 'DELETE_ONLY without a CloudFormation role', code: deploy('DELETE_ONLY', ''), errors: [{ line: 19 }] },
    {
      name: 'role absent in one branch: a warning',
      code: deploy('CHANGE_SET_REPLACE', "\n    RoleArn: !If [C, !Sub 'arn:aws:iam::${ProdAccountId}:role/cfn', !Ref AWS::NoValue]"),
      errors: [{ line: 22, severity: 'warning' }],
    },
  ],
});
