import { rule } from '../../../src/core/rules/CPX-R08';
import { ruleTester } from '../../support/rule-tester';
import { combined, DEV_ROLES, lineOf, TRUST_CLOUDFORMATION } from '../../support/workspace';

const CFN_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"';
const trusting = (principal: string): string => combined(DEV_ROLES.replace(TRUST_CLOUDFORMATION, principal));
const codepipeline = trusting('Service: codepipeline.amazonaws.com');
const account = trusting('AWS: !Ref CIAccountId');

ruleTester(rule, {
  valid: [
    { name: 'cloudformation.amazonaws.com', code: combined() },
    { name: 'among other services', code: trusting('Service: [codebuild.amazonaws.com, cloudformation.amazonaws.com]') },
    { name: 'a computed service name', code: trusting('Service: !Sub "cloudformation.${AWS::URLSuffix}"') },
  ],
  invalid: [
    {
      name: 'codepipeline.amazonaws.com instead',
      code: codepipeline,
      errors: [{ line: lineOf(codepipeline, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE, severity: 'warning' }],
      output: null,
    },
    {
      name: 'an account instead of the service',
      code: account,
      errors: [{ line: lineOf(account, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE, severity: 'warning' }],
    },
  ],
});
