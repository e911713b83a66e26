import { rule } from '../../../src/core/rules/CPX-U01';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const deploy = (account: string): string => pipelineYaml(`
- Name: Deploy
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: !Sub 'arn:aws:iam::${account}:role/a'
  Configuration: {ActionMode: CREATE_UPDATE, StackName: app, RoleArn: !Sub 'arn:aws:iam::${account}:role/cfn'}
`, { parameters: '  NoValue:\n    Type: String\n' });

ruleTester(rule, {
  valid: [
    { name: 'parameter with a default and the pipeline account given', code: deploy('${ProdAccountId}'), parameters: { 'AWS::AccountId': '111111111111' } },
    { name: 'the pipeline account itself', code: deploy('${AWS::AccountId}') },
    { name: 'value given on the command line', code: deploy('${NoValue}'), parameters: { NoValue: '222222222222', 'AWS::AccountId': '111111111111' } },
  ],
  invalid: [
    { name: 'parameter without value: one note for both uses', code: deploy('${NoValue}'), errors: [{ line: 20, severity: 'info' }] },
    { name: 'pipeline account unknown', code: deploy('${ProdAccountId}'), errors: [{ line: 20 }] },
    {
      name: 'imported value',
      code: pipelineYaml(`
- Name: Deploy
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: !ImportValue DeployRoleArn
`),
      errors: [{ line: 18, text: '!ImportValue DeployRoleArn' }],
    },
  ],
});
