import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/core/rules/CPX-R06';
import { ruleTester } from '../../support/rule-tester';
import { toJson } from '../../support/artifacts';
import { applyCrossFileFix, CI_PIPELINE, combined, DEV_ROLES, insertAfter, lineOf, TRUST_CI } from '../../support/workspace';

const ACTION_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"';
const PIPELINE_ACCOUNT = { 'AWS::AccountId': '111111111111' };
const trusting = (principal: string): string => combined(DEV_ROLES.replace(TRUST_CI, principal));
const service = trusting('Service: codepipeline.amazonaws.com');
const devRoot = trusting('AWS: !Sub "arn:aws:iam::${DevAccountId}:root"');
/** The statement the fix appends to the action role's trust, with the pipeline account written as `account`. */
const trustStatement = (account: string, quote = ''): string =>
  `\n          - Effect: Allow\n            Principal:\n              AWS: !Sub ${quote}arn:\${AWS::Partition}:iam::${account}:root${quote}\n            Action: sts:AssumeRole`;
const trusted = (code: string, account: string, quote = ''): string => insertAfter(code, 'AssumeRolePolicyDocument', 'Action: sts:AssumeRole', trustStatement(account, quote));
/** The role template's parameter for the CI account under another name, with another default. */
const renamed = (code: string, name: string, value = '111111111111'): string => code.replace(/CIAccountId/g, name).replace("Default: '111111111111'", `Default: '${value}'`);

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
      name: 'the codepipeline.amazonaws.com service principal on the action role: the fix trusts the account of the CIAccountId parameter, and keeps the service',
      code: service,
      errors: [{ line: lineOf(service, `RoleArn: ${ACTION_ROLE}`), column: 24, text: ACTION_ROLE, severity: 'error' }],
      output: trusted(service, '${CIAccountId}'),
    },
    {
      name: 'its own account, not the pipeline account: the new !Sub is quoted like the one there',
      code: devRoot, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(devRoot, `RoleArn: ${ACTION_ROLE}`), column: 24, text: ACTION_ROLE, severity: 'error' }],
      output: trusted(devRoot, '${CIAccountId}', '"'),
    },
    {
      name: 'ToolsAccount, as the reference architecture names the parameter',
      code: renamed(service, 'ToolsAccount', '999999999999'),
      errors: [{ line: lineOf(service, `RoleArn: ${ACTION_ROLE}`) }],
      output: trusted(renamed(service, 'ToolsAccount', '999999999999'), '${ToolsAccount}'),
    },
    {
      name: 'a parameter of another name whose value is the pipeline account',
      code: renamed(service, 'Trusted'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(service, `RoleArn: ${ACTION_ROLE}`) }],
      output: trusted(renamed(service, 'Trusted'), '${Trusted}'),
    },
    {
      name: 'a pipeline-account name with another account as its value: the pipeline account itself',
      code: renamed(service, 'PipelineAccountId', '222222222222'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(service, `RoleArn: ${ACTION_ROLE}`) }],
      output: trusted(renamed(service, 'PipelineAccountId', '222222222222'), '111111111111'),
    },
    {
      name: 'no parameter names the pipeline account and it is not known: no fix',
      code: renamed(service, 'Other', '222222222222'),
      errors: [{ line: lineOf(service, `RoleArn: ${ACTION_ROLE}`) }],
      output: null,
    },
    {
      name: 'JSON',
      code: toJson(service), fileName: 't.json',
      errors: [{ line: lineOf(toJson(service), 'role/cross-account-role"') - 1 }],
      output: toJson(trusted(service, '${CIAccountId}')),
    },
  ],
});

describe('CPX-R06 across files', () => {
  const dev = DEV_ROLES.replace(TRUST_CI, 'Service: codepipeline.amazonaws.com  # copied from the pipeline role');

  it('the fix appends the trust to the role template in YAML, comments kept', () => {
    const fixed = applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': dev }, rule.meta.id);
    assert.equal(fixed, insertAfter(dev, 'AssumeRolePolicyDocument', 'Action: sts:AssumeRole', trustStatement('${CIAccountId}')));
  });

  it('in JSON', () => {
    const json = toJson(dev);
    const fixed = applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.json': json }, rule.meta.id, 'dev.json');
    assert.equal(fixed, toJson(insertAfter(dev, 'AssumeRolePolicyDocument', 'Action: sts:AssumeRole', trustStatement('${CIAccountId}'))));
  });

  it('without a parameter for it, the pipeline account as given', () => {
    const bare = dev.replace(/Parameters:\n(?: {2}CIAccountId:\n| {4}.*\n)+/, '');
    const fixed = applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': bare }, rule.meta.id);
    assert.equal(fixed, insertAfter(bare, 'AssumeRolePolicyDocument', 'Action: sts:AssumeRole', trustStatement('111111111111')));
  });
});
