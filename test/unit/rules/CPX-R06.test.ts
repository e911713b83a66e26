import { rule } from '../../../src/core/rules/CPX-R06';
import { ruleTester } from '../../support/rule-tester';
import { combined, DEV_ROLES, lineOf, TRUST_CI } from '../../support/workspace';

const ACTION_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"';
const PIPELINE_ACCOUNT = { 'AWS::AccountId': '111111111111' };
const trusting = (principal: string): string => combined(DEV_ROLES.replace(TRUST_CI, principal));
const service = trusting('Service: codepipeline.amazonaws.com');
const devRoot = trusting('AWS: !Sub "arn:aws:iam::${DevAccountId}:root"');

ruleTester(rule, {
  valid: [
    { name: 'the CI account root, the pipeline account', code: combined(), parameters: PIPELINE_ACCOUNT },
    { name: 'the CI account, the pipeline account unknown: not certain', code: combined() },
    { name: 'the pipeline role itself', code: trusting('AWS: !GetAtt CodePipelineRole.Arn'), parameters: PIPELINE_ACCOUNT },
    { name: 'the account id alone', code: trusting("AWS: '111111111111'"), parameters: PIPELINE_ACCOUNT },
    { name: 'its own account, the pipeline account unknown: not certain', code: devRoot },
    { name: 'a role of the pipeline account that may be the pipeline role', code: trusting('AWS: arn:aws:iam::111111111111:role/pipeline'), parameters: PIPELINE_ACCOUNT },
    { name: 'a trust under a Condition', code: combined(DEV_ROLES.replace('            Action: sts:AssumeRole\n', "            Action: sts:AssumeRole\n            Condition: {Bool: {'aws:MultiFactorAuthPresent': true}}\n")), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'the codepipeline.amazonaws.com service principal on the action role',
      code: service,
      errors: [{ line: lineOf(service, `RoleArn: ${ACTION_ROLE}`), column: 24, text: ACTION_ROLE, severity: 'error' }],
      output: null,
    },
    {
      name: 'its own account, not the pipeline account',
      code: devRoot, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(devRoot, `RoleArn: ${ACTION_ROLE}`), column: 24, text: ACTION_ROLE, severity: 'error' }],
    },
  ],
});
