import { rule } from '../../../src/core/rules/CPX-R07';
import { ruleTester } from '../../support/rule-tester';
import { combined, DEV_ROLES, lineOf, PASS_ROLE } from '../../support/workspace';

const CFN_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"';
const without = combined(DEV_ROLES.replace(PASS_ROLE, ''));
const passRoleOn = (resource: string): string => combined(DEV_ROLES.replace('            Resource: "*"\n', `            Resource: "*"\n          - Effect: Allow\n            Action: iam:PassRole\n            Resource: ${resource}\n`).replace(PASS_ROLE, ''));
const other = passRoleOn('!Sub "arn:aws:iam::${AWS::AccountId}:role/other"');

ruleTester(rule, {
  valid: [
    { name: 'iam:PassRole on everything', code: combined() },
    { name: 'iam:PassRole on the CloudFormation role by its ARN', code: passRoleOn(CFN_ROLE) },
    { name: 'iam:PassRole on the CloudFormation role by Fn::GetAtt', code: passRoleOn('!GetAtt CloudFormationRole.Arn') },
    { name: 'iam:PassRole on role/cloudformation-*', code: passRoleOn('"arn:aws:iam::*:role/cloudformation-*"') },
    { name: 'a managed policy from elsewhere may grant it', code: combined(DEV_ROLES.replace(PASS_ROLE, '').replace('      Path: /\n', "      Path: /\n      ManagedPolicyArns: ['arn:aws:iam::aws:policy/PowerUserAccess']\n")) },
  ],
  invalid: [
    {
      name: 'no iam:PassRole at all',
      code: without,
      errors: [{ line: lineOf(without, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE, severity: 'error' }],
      output: null,
    },
    {
      name: 'iam:PassRole on another role',
      code: other,
      errors: [{ line: lineOf(other, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE }],
    },
  ],
});
