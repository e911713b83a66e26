import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/core/rules/CPX-R08';
import { ruleTester } from '../../support/rule-tester';
import { toJson } from '../../support/artifacts';
import { applyCrossFileFix, CI_PIPELINE, combined, DEV_ROLES, insertAfter, lineOf, TRUST_CLOUDFORMATION } from '../../support/workspace';

const CFN_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"';
const trusting = (principal: string): string => combined(DEV_ROLES.replace(TRUST_CLOUDFORMATION, principal));
const codepipeline = trusting('Service: codepipeline.amazonaws.com');
const account = trusting('AWS: !Ref CIAccountId');
/** The CloudFormation role's trust with the statement the fix appends. */
const trusted = (code: string): string => insertAfter(code, '  CloudFormationRole:', 'Action: sts:AssumeRole',
  '\n          - Effect: Allow\n            Principal:\n              Service: cloudformation.amazonaws.com\n            Action: sts:AssumeRole');

ruleTester(rule, {
  valid: [
    { name: 'cloudformation.amazonaws.com', code: combined() },
    { name: 'among other services', code: trusting('Service: [codebuild.amazonaws.com, cloudformation.amazonaws.com]') },
    { name: 'a computed service name', code: trusting('Service: !Sub "cloudformation.${AWS::URLSuffix}"') },
  ],
  invalid: [
    {
      name: 'codepipeline.amazonaws.com instead: the fix adds the service, and keeps what was there',
      code: codepipeline,
      errors: [{ line: lineOf(codepipeline, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE, severity: 'warning' }],
      output: trusted(codepipeline),
    },
    {
      name: 'an account instead of the service',
      code: account,
      errors: [{ line: lineOf(account, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE, severity: 'warning' }],
      output: trusted(account),
    },
    {
      name: 'JSON',
      code: toJson(codepipeline), fileName: 't.json',
      errors: [{ line: lineOf(toJson(codepipeline), 'role/cloudformation-role"') - 1 }],
      output: toJson(trusted(codepipeline)),
    },
  ],
});

describe('CPX-R08 across files', () => {
  const dev = DEV_ROLES.replace(TRUST_CLOUDFORMATION, 'Service: codepipeline.amazonaws.com')
    .replace('      ManagedPolicyArns:\n', '      # deploys anything the stack holds\n      ManagedPolicyArns:\n');

  it('the fix trusts the service in the role template, comments kept', () => {
    assert.equal(applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': dev }, rule.meta.id), trusted(dev));
  });

  it('in JSON', () => {
    assert.equal(applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.json': toJson(dev) }, rule.meta.id, 'dev.json'), toJson(trusted(dev)));
  });
});
