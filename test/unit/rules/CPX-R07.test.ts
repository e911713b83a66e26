import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../../../src/core/rules/CPX-R07';
import { ruleTester } from '../../support/rule-tester';
import { toJson } from '../../support/artifacts';
import { applyCrossFileFix, CI_PIPELINE, combined, DEV_ROLES, insertAfter, lineOf, PASS_ROLE } from '../../support/workspace';

const CFN_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"';
const without = combined(DEV_ROLES.replace(PASS_ROLE, ''));
const passRoleOn = (resource: string): string => combined(DEV_ROLES.replace('            Resource: "*"\n', `            Resource: "*"\n          - Effect: Allow\n            Action: iam:PassRole\n            Resource: ${resource}\n`).replace(PASS_ROLE, ''));
const other = passRoleOn('!Sub "arn:aws:iam::${AWS::AccountId}:role/other"');
/** The statement the fix appends to the action role's policy. */
const passRole = (resource: string): string => `\n          - Effect: Allow\n            Action: iam:PassRole\n            Resource: ${resource}`;
const granted = (code: string, resource: string, after = 'Resource: "*"'): string => insertAfter(code, 'CrossAccountPolicy:', after, passRole(resource));

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
      name: 'no iam:PassRole at all: the fix allows it on the CloudFormation role of the same template',
      code: without,
      errors: [{ line: lineOf(without, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE, severity: 'error' }],
      output: granted(without, '!GetAtt CloudFormationRole.Arn'),
    },
    {
      name: 'iam:PassRole on another role',
      code: other,
      errors: [{ line: lineOf(other, `RoleArn: ${CFN_ROLE}`), column: 26, text: CFN_ROLE }],
      output: granted(other, '!GetAtt CloudFormationRole.Arn', 'role/other"'),
    },
    {
      name: 'the CloudFormation role not in the template: its ARN as the pipeline writes it',
      code: without.replace('RoleName: cloudformation-role', 'RoleName: elsewhere'),
      errors: [{ line: lineOf(without, `RoleArn: ${CFN_ROLE}`) }],
      output: granted(without.replace('RoleName: cloudformation-role', 'RoleName: elsewhere'), CFN_ROLE),
    },
    {
      name: 'JSON',
      code: toJson(without), fileName: 't.json',
      errors: [{ line: lineOf(toJson(without), 'role/cloudformation-role"') - 1 }],
      output: toJson(granted(without, '!GetAtt CloudFormationRole.Arn')),
    },
  ],
});

describe('CPX-R07 across files', () => {
  const dev = DEV_ROLES.replace(PASS_ROLE, '').replace('              - s3:*\n', '              - s3:*  # artifacts\n');

  it('the fix allows iam:PassRole in the action role\'s policy, by Fn::GetAtt of the role beside it', () => {
    const fixed = applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': dev }, rule.meta.id);
    assert.equal(fixed, granted(dev, '!GetAtt CloudFormationRole.Arn'));
  });

  it('the CloudFormation role defined in no file: its name in the action role\'s account', () => {
    const alone = dev.replace('RoleName: cloudformation-role', 'RoleName: elsewhere');
    const fixed = applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': alone }, rule.meta.id);
    assert.equal(fixed, granted(alone, '!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cloudformation-role'));
  });

  it('an inline policy when the action role has none', () => {
    const bare = dev.replace(/ {2}CrossAccountPolicy:\n(?: {4}.*\n)+/, '');
    const fixed = applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': bare }, rule.meta.id);
    assert.equal(fixed, insertAfter(bare, 'CrossAccountRole:', 'Action: sts:AssumeRole', [
      '', '      Policies:', '        - PolicyName: pass-cloudformation-role', '          PolicyDocument:', "            Version: '2012-10-17'", '            Statement:',
      '              - Effect: Allow', '                Action: iam:PassRole', '                Resource: !GetAtt CloudFormationRole.Arn',
    ].join('\n')));
  });

  it('in JSON', () => {
    const fixed = applyCrossFileFix({ 'ci.yaml': CI_PIPELINE, 'dev.json': toJson(dev) }, rule.meta.id, 'dev.json');
    assert.equal(fixed, toJson(granted(dev, '!GetAtt CloudFormationRole.Arn')));
  });
});
