import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, lint, parseSource, roleStackTargets, roleStackTemplate, RULES, Workspace, type DocumentModel, type Finding } from '../../src/core';
import { matchGolden } from '../support/golden';
import { SEED_DIR, SEED_PARAMETERS, seedTemplate } from '../support/seed';
import { CI_PIPELINE, combined, DEV_ROLES } from '../support/workspace';

const PIPELINE_ACCOUNT = new Map([['AWS::AccountId', '111111111111']]);
const ACTION_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"';
const CFN_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"';
const LINKED_RULES = new Set(['CPX-R06', 'CPX-R07', 'CPX-R08', 'CPX-K08', 'CPX-U01']);
const GOLDEN = join(__dirname, '..', '..', '..', 'test', 'fixtures-role-stack', 'dev-roles.yaml');

function workspace(files: Readonly<Record<string, string>>, parameterValues: ReadonlyMap<string, string> = PIPELINE_ACCOUNT): Workspace {
  const space = new Workspace({ rules: RULES, parameterValues });
  for (const [name, text] of Object.entries(files)) space.set(name, text);
  return space;
}

function modelOf(space: Workspace, fileName: string): DocumentModel {
  const model = space.model(fileName);
  assert.ok(model, `${fileName} has a model`);
  return model;
}

/** Role fields of the pipeline file linked to a file, as their source text. */
function linkedTo(space: Workspace, fileName: string, target: string): string[] {
  return space.links().filter((link) => link.fileName === fileName && link.targets.some((item) => item.fileName === target)).map((link) => link.reference);
}

/** Ids of the linked-role rules' findings on the given source texts of the pipeline file. */
function linkedFindings(space: Workspace, fileName: string, references: readonly string[]): string[] {
  const text = space.text(fileName) ?? '';
  return space.lint(fileName).findings
    .filter((finding: Finding) => LINKED_RULES.has(finding.ruleId) && references.includes(text.slice(finding.start, finding.end)))
    .map((finding) => finding.ruleId);
}

function errorsAndWarnings(text: string, fileName: string): string[] {
  const { model, findings } = lint(text, { fileName, rules: RULES, parameterValues: PIPELINE_ACCOUNT });
  assert.equal(model?.kind, 'template');
  assert.deepEqual(model.source.problems, []);
  return findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning').map((finding) => `${finding.ruleId} ${finding.message}`);
}

describe('role stack', () => {
  it('the CI pipeline alone: one target for the DEV account, at the action role', () => {
    const space = workspace({ 'ci.yaml': CI_PIPELINE });
    const targets = roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml');
    assert.deepEqual(targets.map((target) => [
      CI_PIPELINE.slice(target.start, target.end), target.account, target.accountParameter, target.suggestedFileName, target.missing,
    ]), [[ACTION_ROLE, '333333333333', 'DevAccountId', 'dev-roles.yaml', ['role/cross-account-role', 'role/cloudformation-role']]]);
  });

  it('a target\'s start is the same for the same text: a fresh workspace, other files, a lint in between', () => {
    const starts = (space: Workspace): number[] => roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml').map((target) => target.start);
    const first = workspace({ 'ci.yaml': CI_PIPELINE });
    const before = starts(first);
    first.lint('ci.yaml');
    first.set('other.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n");
    assert.deepEqual(starts(first), before);
    assert.deepEqual(starts(workspace({ 'other.yaml': 'Resources: {}\n', 'ci.yaml': CI_PIPELINE })), before);
    assert.deepEqual(before, [CI_PIPELINE.indexOf(ACTION_ROLE)]);
  });

  it('no target where the roles are defined: in another file, or next to the pipeline', () => {
    const space = workspace({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': DEV_ROLES });
    assert.deepEqual(roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml'), []);
    const together = workspace({ 'all.yaml': combined() });
    assert.deepEqual(roleStackTargets(modelOf(together, 'all.yaml'), together, 'all.yaml'), []);
    assert.deepEqual(roleStackTargets(modelOf(together, 'all.yaml')), []);
  });

  it('only the missing role is defined when the other one exists', () => {
    const withoutCfnRole = DEV_ROLES.slice(0, DEV_ROLES.indexOf('  CloudFormationRole:'));
    const space = workspace({ 'ci.yaml': CI_PIPELINE, 'dev.yaml': withoutCfnRole });
    const [target] = roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml');
    assert.deepEqual(target.missing, ['role/cloudformation-role']);
    const yaml = roleStackTemplate(modelOf(space, 'ci.yaml'), target, 'yaml');
    assert.doesNotMatch(yaml, /cross-account-role|PipelineAccountId|StackName/);
    space.set('dev-roles.yaml', yaml);
    assert.deepEqual(linkedTo(space, 'ci.yaml', 'dev-roles.yaml'), [CFN_ROLE]);
    assert.deepEqual(linkedFindings(space, 'ci.yaml', [ACTION_ROLE, CFN_ROLE]), []);
  });

  for (const format of ['yaml', 'json'] as const) {
    it(`the generated ${format} stands alone and links both roles of the CI pipeline`, () => {
      const space = workspace({ 'ci.yaml': CI_PIPELINE });
      const [target] = roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml');
      const text = roleStackTemplate(modelOf(space, 'ci.yaml'), target, format);
      if (format === 'json') JSON.parse(text);
      const fileName = `dev-roles.${format}`;
      assert.deepEqual(errorsAndWarnings(text, fileName), []);
      space.set(fileName, text);
      assert.deepEqual(linkedTo(space, 'ci.yaml', fileName), [ACTION_ROLE, CFN_ROLE]);
      assert.deepEqual(linkedFindings(space, 'ci.yaml', [ACTION_ROLE, CFN_ROLE]), []);
      assert.deepEqual(roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml'), []);
    });
  }

  it('the linked roles are really checked: a service trust on the action role is CPX-R06', () => {
    const space = workspace({ 'ci.yaml': CI_PIPELINE });
    const [target] = roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml');
    const yaml = roleStackTemplate(modelOf(space, 'ci.yaml'), target, 'yaml');
    const trust = "AWS: !Sub 'arn:${AWS::Partition}:iam::${PipelineAccountId}:root'";
    assert.ok(yaml.includes(trust));
    space.set('dev-roles.yaml', yaml.replace(trust, 'Service: codepipeline.amazonaws.com'));
    assert.deepEqual(linkedFindings(space, 'ci.yaml', [ACTION_ROLE, CFN_ROLE]), ['CPX-R06']);
  });

  it('the seed question (CPX-R01, no action role): a target, and the links exist after its R01 fix', () => {
    const text = seedTemplate();
    const space = workspace({ 'template.yaml': text }, SEED_PARAMETERS);
    const targets = roleStackTargets(modelOf(space, 'template.yaml'), space, 'template.yaml');
    assert.deepEqual(targets.map((target) => [text.slice(target.start, target.end), target.account, target.suggestedFileName, target.missing]), [[
      '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/role-to-assume', '000000000000', 'prod-roles.yaml',
      ['role/CodePipelineCrossAccountRole', 'role/role-to-assume'],
    ]]);
    const stack = roleStackTemplate(modelOf(space, 'template.yaml'), targets[0], 'yaml');
    const r01 = lint(text, { fileName: 'template.yaml', rules: RULES, parameterValues: SEED_PARAMETERS }).findings.find((finding) => finding.ruleId === 'CPX-R01');
    assert.ok(r01?.fixes[0], 'CPX-R01 offers its fix');
    const fixed = applyEdits(text, r01.fixes[0].edits);
    space.set('template.yaml', fixed);
    space.set('prod-roles.yaml', stack);
    const references = [
      '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/CodePipelineCrossAccountRole',
      '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/role-to-assume',
    ];
    assert.deepEqual(linkedTo(space, 'template.yaml', 'prod-roles.yaml'), references);
    assert.deepEqual(linkedFindings(space, 'template.yaml', references), []);
    assert.deepEqual(roleStackTargets(modelOf(space, 'template.yaml'), space, 'template.yaml'), []);
  });

  it('one stack for the actions of an account: the union of their modes, writes when one has outputs', () => {
    const execute = CI_PIPELINE.replace('              InputArtifacts: [{Name: BuildArtifact}]\n', [
      '              InputArtifacts: [{Name: BuildArtifact}]',
      '            - Name: execute-changeset',
      "              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}",
      `              RoleArn: ${ACTION_ROLE}`,
      '              RunOrder: 2',
      '              Configuration: {StackName: app-stack-dev, ActionMode: CHANGE_SET_EXECUTE, ChangeSetName: app-changeset-dev, OutputFileName: out.json}',
      '              OutputArtifacts: [{Name: StackOutputs}]',
      '',
    ].join('\n'));
    const space = workspace({ 'ci.yaml': execute });
    const model = modelOf(space, 'ci.yaml');
    const targets = roleStackTargets(model, space, 'ci.yaml');
    assert.deepEqual(targets.map((target) => [target.action.name, target.suggestedFileName]), [['create-changeset', 'dev-roles.yaml'], ['execute-changeset', 'dev-roles.yaml']]);
    const yaml = roleStackTemplate(model, targets[1], 'yaml');
    assert.equal(yaml, roleStackTemplate(model, targets[0], 'yaml'));
    assert.deepEqual(parseSource(yaml, 'yaml').problems, []);
    assert.match(yaml, /Action: \[cloudformation:CreateChangeSet, cloudformation:DeleteChangeSet, cloudformation:DescribeChangeSet, cloudformation:DescribeStackEvents, cloudformation:DescribeStacks, cloudformation:ExecuteChangeSet\]/);
    assert.match(yaml, /Action: \[s3:PutObject, s3:PutObjectAcl\]/);
    assert.match(yaml, /Action: \[kms:Decrypt, kms:DescribeKey, kms:Encrypt, kms:ReEncrypt\*, kms:GenerateDataKey\*\]/);
    assert.equal(yaml.match(/StackName\d*:\n/g)?.length, 1);
  });

  it('no SAM transform statement when the deployed template is in the workspace and is not SAM', () => {
    const space = workspace({ 'ci.yaml': CI_PIPELINE, 'app/template.yml': "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n" });
    const model = modelOf(space, 'ci.yaml');
    assert.doesNotMatch(roleStackTemplate(model, roleStackTargets(model, space, 'ci.yaml')[0], 'yaml'), /transform\/Serverless/);
    assert.match(roleStackTemplate(model, roleStackTargets(model)[0], 'yaml'), /transform\/Serverless-2016-10-31/);
  });

  it('an account parameter without a value, and a role path: still one stack, linked', () => {
    const pipeline = CI_PIPELINE.replace("    Default: '333333333333'\n", '').replace('role/cloudformation-role', 'role/deploy/cloudformation-role');
    const cfnRole = CFN_ROLE.replace('role/cloudformation-role', 'role/deploy/cloudformation-role');
    const space = workspace({ 'ci.yml': pipeline });
    const [target] = roleStackTargets(modelOf(space, 'ci.yml'), space, 'ci.yml');
    assert.deepEqual([target.account, target.accountParameter, target.suggestedFileName], [undefined, 'DevAccountId', 'dev-roles.yml']);
    const yaml = roleStackTemplate(modelOf(space, 'ci.yml'), target, 'yaml');
    assert.match(yaml, /RoleName: cloudformation-role\n {6}Path: \/deploy\/\n/);
    assert.deepEqual(errorsAndWarnings(yaml, 'dev-roles.yml'), []);
    space.set('dev-roles.yml', yaml);
    assert.deepEqual(linkedTo(space, 'ci.yml', 'dev-roles.yml'), [ACTION_ROLE, cfnRole]);
    // Only the note that DevAccountId has no value, as without the stack.
    const notes = space.lint('ci.yml').findings.filter((finding) => finding.ruleId === 'CPX-U01').map((finding) => finding.message);
    assert.deepEqual(linkedFindings(space, 'ci.yml', [ACTION_ROLE, cfnRole]), ['CPX-U01']);
    assert.equal(notes.length, 1);
    assert.match(notes[0], /comes from parameter 'DevAccountId', which has no value/);
  });

  it('get-pipeline JSON: named after the stage, written as JSON', () => {
    const text = readFileSync(join(SEED_DIR, 'get-pipeline.json'), 'utf8');
    const space = workspace({ 'get-pipeline.json': text });
    const [target] = roleStackTargets(modelOf(space, 'get-pipeline.json'), space, 'get-pipeline.json');
    assert.deepEqual([target.account, target.suggestedFileName], ['000000000000', 'production-roles.json']);
    const json = roleStackTemplate(modelOf(space, 'get-pipeline.json'), target, 'json');
    assert.deepEqual(errorsAndWarnings(json, target.suggestedFileName), []);
    space.set(target.suggestedFileName, json);
    assert.deepEqual(linkedTo(space, 'get-pipeline.json', target.suggestedFileName), ['"arn:aws:iam::000000000000:role/role-to-assume"']);
  });

  it('one role as both action and CloudFormation role: PassRole by name, and trusted by CloudFormation', () => {
    const pipeline = CI_PIPELINE.replace('role/cloudformation-role', 'role/deploy/cross-account-role').replace('role/cross-account-role"', 'role/deploy/cross-account-role"');
    const role = ACTION_ROLE.replace('role/cross-account-role', 'role/deploy/cross-account-role');
    const space = workspace({ 'ci.yaml': pipeline });
    const [target] = roleStackTargets(modelOf(space, 'ci.yaml'), space, 'ci.yaml');
    assert.deepEqual(target.missing, ['role/deploy/cross-account-role']);
    for (const format of ['yaml', 'json'] as const) {
      const text = roleStackTemplate(modelOf(space, 'ci.yaml'), target, format);
      const fileName = `dev-roles.${format}`;
      assert.deepEqual(errorsAndWarnings(text, fileName), []);
      if (format === 'json') {
        const resources = (JSON.parse(text) as { Resources: Record<string, unknown> }).Resources;
        assert.deepEqual(Object.keys(resources), ['CrossAccountRole']);
        assert.doesNotMatch(JSON.stringify(resources.CrossAccountRole), /Fn::GetAtt/);
      } else {
        assert.doesNotMatch(text, /!GetAtt CrossAccountRole\.Arn/);
        assert.match(text, /Action: iam:PassRole\n {16}Resource: !Sub 'arn:\$\{AWS::Partition\}:iam::\$\{AWS::AccountId\}:role\/deploy\/cross-account-role'\n/);
        assert.match(text, /Principal:\n {14}Service: cloudformation\.amazonaws\.com\n/);
      }
      const linked = workspace({ 'ci.yaml': pipeline, [fileName]: text });
      assert.deepEqual(linkedTo(linked, 'ci.yaml', fileName), [role, role]);
      assert.deepEqual(linkedFindings(linked, 'ci.yaml', [role]), []);
      assert.deepEqual(roleStackTargets(modelOf(linked, 'ci.yaml'), linked, 'ci.yaml'), []);
    }
  });

  it('a cross-region action: the stack and the SAM transform ARNs are in its region', () => {
    const pipeline = CI_PIPELINE.replace('              RoleArn: !Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"\n', '$&              Region: eu-west-1\n');
    assert.notEqual(pipeline, CI_PIPELINE);
    const space = workspace({ 'ci.yaml': pipeline });
    const model = modelOf(space, 'ci.yaml');
    const yaml = roleStackTemplate(model, roleStackTargets(model, space, 'ci.yaml')[0], 'yaml');
    assert.match(yaml, /Resource: !Sub 'arn:\$\{AWS::Partition\}:cloudformation:eu-west-1:\$\{AWS::AccountId\}:stack\/\$\{StackName\}\/\*'\n/);
    assert.match(yaml, /Resource: !Sub 'arn:\$\{AWS::Partition\}:cloudformation:eu-west-1:aws:transform\/Serverless-2016-10-31'\n/);
    assert.doesNotMatch(yaml, /AWS::Region/);
  });

  it('golden: the DEV-account stack for the CI pipeline', () => {
    const space = workspace({ 'ci.yaml': CI_PIPELINE });
    const model = modelOf(space, 'ci.yaml');
    matchGolden(GOLDEN, roleStackTemplate(model, roleStackTargets(model, space, 'ci.yaml')[0], 'yaml'));
  });
});
