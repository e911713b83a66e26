import { rule } from '../../../src/core/rules/CPX-R13';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const pair = (executeExtra: string): string => pipelineYaml(`
- Name: CreateChangeSet
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: 'arn:aws:iam::222222222222:role/a'
  Configuration: {ActionMode: CHANGE_SET_REPLACE, StackName: app, ChangeSetName: cs, RoleArn: 'arn:aws:iam::222222222222:role/cfn'}
- Name: ExecuteChangeSet
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}${executeExtra}
  Configuration: {ActionMode: CHANGE_SET_EXECUTE, StackName: app, ChangeSetName: cs}
`);

ruleTester(rule, {
  valid: [
    { name: 'same action role', code: pair("\n  RoleArn: 'arn:aws:iam::222222222222:role/a'"), parameters: { 'AWS::AccountId': '111111111111' } },
    { name: 'pipeline account unknown: not certain', code: pair('') },
  ],
  invalid: [
    {
      name: 'execute action without the action role',
      code: pair(''),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 20, text: 'ExecuteChangeSet' }],
    },
    {
      name: 'execute action in another region',
      code: pair("\n  RoleArn: 'arn:aws:iam::222222222222:role/a'\n  Region: eu-central-1"),
      parameters: { 'AWS::Region': 'eu-west-1' },
      errors: [{ line: 20 }],
    },
  ],
});
