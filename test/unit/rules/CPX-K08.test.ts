import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, RULES, Workspace } from '../../../src/core';
import { rule } from '../../../src/core/rules/CPX-K08';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';
import { applyCrossFileFix, DEPLOYER_STACK, insertAfter } from '../../support/workspace';

/** The seed answer's layout in one file: the DEV account's action role is declared next to the pipeline. */
const declared = (resource: string): string => artifactPipeline({
  resources: `
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deployer
      Policies:
        - PolicyName: artifacts
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [kms:Decrypt, kms:Encrypt]
                Resource: ${resource}`,
});
const fixed = declared('!Ref Key').replace(`                Resource: !Ref Key`, `                Resource: !Ref Key
              - Effect: Allow
                Action: [kms:Decrypt, kms:DescribeKey]
                Resource: !GetAtt Key.Arn`);

ruleTester(rule, {
  valid: [
    { name: 'the key ARN', code: declared('!GetAtt Key.Arn').replace('[kms:Decrypt, kms:Encrypt]', '[kms:Decrypt, kms:DescribeKey]'), parameters: PIPELINE_ACCOUNT },
    { name: 'any key', code: declared("'*'").replace('[kms:Decrypt, kms:Encrypt]', "'kms:*'"), parameters: PIPELINE_ACCOUNT },
    { name: 'the role is not declared here: its policy is not in view', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'a managed policy from elsewhere may grant it', code: declared('!Ref Key').replace('      RoleName: deployer', "      RoleName: deployer\n      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser']"), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'the policy names the key id, not the key ARN: the fix adds the key ARN',
      code: declared('!Ref Key'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(declared('!Ref Key'), `RoleArn: ${DEPLOYER}`), column: 24, text: DEPLOYER, severity: 'error' }],
      output: fixed,
    },
    {
      name: 'JSON',
      code: toJson(declared('!Ref Key')), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(declared('!Ref Key')), 'role/deployer"') - 1 }],
      output: toJson(fixed),
    },
  ],
});

const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const LITERAL_KEY = artifactPipeline({ encryptionKey: `{Id: '${KEY_ARN}', Type: KMS}` });
const withoutParameter = DEPLOYER_STACK.replace(/Parameters:\n(?: {2}.*\n)+/, '');
/** The statement the fix appends, with the key written as `resource`. */
const allowed = (stack: string, resource: string): string => insertAfter(stack, 'PolicyDocument', "Resource: '*'",
  `\n              - Effect: Allow\n                Action: [kms:Decrypt, kms:DescribeKey]\n                Resource: ${resource}`);

describe('CPX-K08 across files', () => {
  it('the role defined in another file is checked, with the role there as a related place', () => {
    const space = new Workspace({ rules: RULES, parameterValues: new Map(Object.entries(PIPELINE_ACCOUNT)) });
    space.set('ci.yaml', artifactPipeline());
    space.set('dev.yaml', DEPLOYER_STACK);
    const findings = space.lint('ci.yaml').findings.filter((finding) => finding.ruleId === rule.meta.id);
    const ci = artifactPipeline();
    assert.deepEqual(findings.map((finding) => [lineOf(ci, `RoleArn: ${DEPLOYER}`), ci.slice(finding.start, finding.end), finding.related.map((item) => `${item.fileName}:${new LineIndex(DEPLOYER_STACK).position(item.start).line + 1}`)]), [
      [lineOf(ci, `RoleArn: ${DEPLOYER}`), DEPLOYER, [`dev.yaml:${lineOf(DEPLOYER_STACK, '  Deployer:') + 1}`]],
    ]);
  });

  it('the key parameter of the role template', () => {
    const fixed = applyCrossFileFix({ 'ci.yaml': artifactPipeline(), 'dev.yaml': DEPLOYER_STACK }, rule.meta.id);
    assert.equal(fixed, allowed(DEPLOYER_STACK, '!Ref ArtifactKeyArn'));
  });

  it('the key ARN as the pipeline gives it', () => {
    const fixed = applyCrossFileFix({ 'ci.yaml': LITERAL_KEY, 'dev.yaml': withoutParameter }, rule.meta.id);
    assert.equal(fixed, allowed(withoutParameter, KEY_ARN));
  });

  it('in JSON', () => {
    const fixed = applyCrossFileFix({ 'ci.yaml': LITERAL_KEY, 'dev.json': toJson(withoutParameter) }, rule.meta.id, 'dev.json');
    assert.equal(fixed, toJson(allowed(withoutParameter, KEY_ARN)));
  });

  it('neither: the finding stays, without a fix', () => {
    const space = new Workspace({ rules: RULES, parameterValues: new Map(Object.entries(PIPELINE_ACCOUNT)) });
    space.set('ci.yaml', artifactPipeline());
    space.set('dev.yaml', withoutParameter);
    assert.deepEqual(space.lint('ci.yaml').findings.filter((finding) => finding.ruleId === rule.meta.id).map((finding) => finding.fixes.length), [0]);
  });

  it('another key\'s parameter is not taken for the artifact key: no fix, the finding stays', () => {
    const dataKey = '  DataKeyArn:\n    Type: String\n';
    for (const stack of [DEPLOYER_STACK.replace('ArtifactKeyArn', 'DataKeyArn'), DEPLOYER_STACK.replace('Parameters:\n', `Parameters:\n${dataKey}`)]) {
      const space = new Workspace({ rules: RULES, parameterValues: new Map(Object.entries(PIPELINE_ACCOUNT)) });
      space.set('ci.yaml', artifactPipeline());
      space.set('dev.yaml', stack);
      assert.deepEqual(space.lint('ci.yaml').findings.filter((finding) => finding.ruleId === rule.meta.id).map((finding) => finding.fixes.length), [0]);
    }
  });

  it('the one key parameter whose default is the key ARN, whatever its name', () => {
    const stack = DEPLOYER_STACK.replace('  ArtifactKeyArn:\n    Type: String\n', `  DeployKeyArn:\n    Type: String\n    Default: ${KEY_ARN}\n`);
    const fixed = applyCrossFileFix({ 'ci.yaml': LITERAL_KEY, 'dev.yaml': stack }, rule.meta.id);
    assert.equal(fixed, allowed(stack, '!Ref DeployKeyArn'));
  });

  it('a key parameter whose default is another key: the key ARN as the pipeline gives it', () => {
    const stack = DEPLOYER_STACK.replace('  ArtifactKeyArn:\n    Type: String\n', `  ArtifactKeyArn:\n    Type: String\n    Default: ${KEY_ARN.replace('1234abcd', '9999abcd')}\n`);
    const fixed = applyCrossFileFix({ 'ci.yaml': LITERAL_KEY, 'dev.yaml': stack }, rule.meta.id);
    assert.equal(fixed, allowed(stack, KEY_ARN));
  });

  it('a key of the role\'s own account does not count', () => {
    const own = DEPLOYER_STACK.replace("Action: ['s3:GetObject*']\n                Resource: '*'", "Action: [kms:Decrypt, kms:DescribeKey]\n                Resource: arn:aws:kms:us-east-1:333333333333:key/*");
    const space = new Workspace({ rules: RULES, parameterValues: new Map(Object.entries(PIPELINE_ACCOUNT)) });
    space.set('ci.yaml', LITERAL_KEY);
    space.set('dev.yaml', own);
    assert.equal(space.lint('ci.yaml').findings.filter((finding) => finding.ruleId === rule.meta.id).length, 1);
  });
});
