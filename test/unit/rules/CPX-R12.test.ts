import { rule } from '../../../src/core/rules/CPX-R12';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const deploy = (mode: string): string => pipelineYaml(`
- Name: Deploy
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: ${mode}
    StackName: app
    ChangeSetName: cs
    RoleArn: 'arn:aws:iam::222222222222:role/cfn'
`);

ruleTester(rule, {
  valid: [{ name: 'replace uses its role', code: deploy('CHANGE_SET_REPLACE') }],
  invalid: [{ name: 'execute ignores its role', code: deploy('CHANGE_SET_EXECUTE'), errors: [{ line: 22, text: 'RoleArn', severity: 'info' }] }],
});
