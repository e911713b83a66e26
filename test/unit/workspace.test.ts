import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, combineFixes, LineIndex, lintText, RULES, Workspace, type Finding } from '../../src/core';
import { CI_PIPELINE, combined, DEV_ROLES, lineOf, PASS_ROLE, TRUST_CI, TRUST_CLOUDFORMATION } from '../support/workspace';

const PIPELINE_ACCOUNT = new Map([['AWS::AccountId', '111111111111']]);
const ACTION_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"';
const CFN_ROLE = '!Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"';
const WORKSPACE_RULES = new Set(['CPX-R06', 'CPX-R07', 'CPX-R08', 'CPX-U01']);

function workspace(files: Readonly<Record<string, string>>, parameterValues = PIPELINE_ACCOUNT): Workspace {
  const result = new Workspace({ rules: RULES, parameterValues });
  for (const [name, text] of Object.entries(files)) result.set(name, text);
  return result;
}

/** Findings of the workspace rules as `id line text`, with related places in other files as `file:line`. */
function findings(space: Workspace, fileName: string, files: Readonly<Record<string, string>>): string[] {
  const text = files[fileName];
  const at = (name: string, offset: number): number => new LineIndex(files[name]).position(offset).line + 1;
  return space.lint(fileName).findings.filter((finding: Finding) => WORKSPACE_RULES.has(finding.ruleId)).map((finding) => [
    finding.ruleId, at(fileName, finding.start), text.slice(finding.start, finding.end),
    ...finding.related.filter((item) => item.fileName).map((item) => `${item.fileName}:${at(item.fileName ?? '', item.start)}`),
  ].join(' '));
}

describe('workspace', () => {
  it('indexes roles by role/<path><name>, with literal, !Sub and Path', () => {
    const roles = DEV_ROLES.replace('RoleName: cloudformation-role', 'RoleName: !Sub "${Prefix}-cfn"\n      Path: /deploy/')
      .replace('Parameters:\n', "Parameters:\n  Prefix:\n    Type: String\n    Default: app\n");
    const space = workspace({ 'dev.yaml': roles });
    assert.deepEqual(space.rolesByKey('role/cross-account-role').map((role) => role.role.logicalId), ['CrossAccountRole']);
    assert.deepEqual(space.rolesByKey('role/deploy/app-cfn').map((role) => [role.fileName, role.role.logicalId]), [['dev.yaml', 'CloudFormationRole']]);
    assert.deepEqual(space.rolesByKey('role/cloudformation-role'), []);
  });

  it('caches a model per text and re-indexes on change', () => {
    const space = workspace({ 'dev.yaml': DEV_ROLES });
    const model = space.model('dev.yaml');
    space.set('dev.yaml', DEV_ROLES);
    assert.equal(space.model('dev.yaml'), model);
    space.set('dev.yaml', DEV_ROLES.replace('cross-account-role', 'renamed'));
    assert.notEqual(space.model('dev.yaml'), model);
    assert.deepEqual(space.rolesByKey('role/cross-account-role'), []);
    assert.equal(space.rolesByKey('role/renamed').length, 1);
    space.delete('dev.yaml');
    assert.deepEqual(space.rolesByKey('role/renamed'), []);
  });

  it('the seed answer, CI and DEV accounts together: linked, no R06/R07/R08', () => {
    const files = { 'ci.yaml': CI_PIPELINE, 'dev.yaml': DEV_ROLES };
    const space = workspace(files);
    assert.deepEqual(findings(space, 'ci.yaml', files), []);
    assert.deepEqual(space.links().map((link) => [link.kind, link.fileName, lineOf(CI_PIPELINE, link.reference), link.targets.map((target) => target.fileName)]), [
      ['role', 'ci.yaml', lineOf(CI_PIPELINE, `RoleArn: ${ACTION_ROLE}`), ['dev.yaml']],
      ['role', 'ci.yaml', lineOf(CI_PIPELINE, `RoleArn: ${CFN_ROLE}`), ['dev.yaml']],
    ]);
    assert.deepEqual(space.dependentsOf('dev.yaml'), ['ci.yaml']);
    assert.deepEqual(space.dependentsOf('ci.yaml'), []);
  });

  it('an edit reports the files that depended on the old text and those that depend on the new', () => {
    const files = { 'ci.yaml': CI_PIPELINE, 'dev.yaml': DEV_ROLES };
    const space = workspace(files);
    assert.deepEqual(space.set('dev.yaml', DEV_ROLES), [], 'the same text');
    assert.deepEqual(space.set('dev.yaml', DEV_ROLES.replace(/cross-account-role|cloudformation-role/g, 'renamed')), ['ci.yaml'], 'roles renamed away');
    assert.deepEqual(space.dependentsOf('dev.yaml'), []);
    assert.deepEqual(space.set('dev.yaml', DEV_ROLES), ['ci.yaml'], 'and back');
    // The template the pipeline deploys (TemplatePath BuildArtifact::template.yml).
    space.set('app/template.yml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic: {Type: AWS::SNS::Topic}\n");
    assert.deepEqual(space.dependentsOf('app/template.yml'), ['ci.yaml']);
    assert.deepEqual(space.delete('dev.yaml'), ['ci.yaml']);
  });

  it('CPX-R06: the DEV role trusting its own account, with the trust policy as a related place in dev.yaml', () => {
    const dev = DEV_ROLES.replace(TRUST_CI, 'AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"');
    const files = { 'ci.yaml': CI_PIPELINE, 'dev.yaml': dev };
    assert.deepEqual(findings(workspace(files), 'ci.yaml', files), [
      // The trust policy's value, which starts on the line after its key.
      `CPX-R06 ${lineOf(CI_PIPELINE, `RoleArn: ${ACTION_ROLE}`)} ${ACTION_ROLE} dev.yaml:${lineOf(dev, 'AssumeRolePolicyDocument') + 1}`,
    ]);
    // Without the pipeline's account, DEV and CI may be one account: nothing is certain.
    assert.deepEqual(findings(workspace(files, new Map()), 'ci.yaml', files).filter((line) => line.startsWith('CPX-R06')), []);
  });

  it('CPX-R07: the DEV role without iam:PassRole', () => {
    const dev = DEV_ROLES.replace(PASS_ROLE, '');
    const files = { 'ci.yaml': CI_PIPELINE, 'dev.yaml': dev };
    assert.deepEqual(findings(workspace(files), 'ci.yaml', files), [
      `CPX-R07 ${lineOf(CI_PIPELINE, `RoleArn: ${CFN_ROLE}`)} ${CFN_ROLE} dev.yaml:${lineOf(dev, '  CrossAccountRole:') + 1}`,
    ]);
  });

  it('fixes of R06, R07 and R08 edit dev.yaml: one "fix all" there answers all three, and nothing is left to fix', () => {
    const dev = DEV_ROLES.replace(TRUST_CI, 'Service: codepipeline.amazonaws.com').replace(PASS_ROLE, '').replace(TRUST_CLOUDFORMATION, 'AWS: !Ref CIAccountId');
    const files = { 'ci.yaml': CI_PIPELINE, 'dev.yaml': dev };
    const space = workspace(files);
    const linked = space.lint('ci.yaml').findings.filter((finding) => WORKSPACE_RULES.has(finding.ruleId));
    assert.deepEqual(linked.map((finding) => [finding.ruleId, finding.fixes.map((fix) => fix.fileName)]), [
      ['CPX-R06', ['dev.yaml']], ['CPX-R07', ['dev.yaml']], ['CPX-R08', ['dev.yaml']],
    ]);
    const fixes = linked.flatMap((finding) => finding.fixes);
    assert.deepEqual(combineFixes(fixes), [], 'not edits of ci.yaml');
    const fixed = applyEdits(dev, combineFixes(fixes, 'dev.yaml'));
    space.set('dev.yaml', fixed);
    assert.deepEqual(findings(space, 'ci.yaml', { ...files, 'dev.yaml': fixed }), []);
    assert.ok(fixed.includes('Service: codepipeline.amazonaws.com') && fixed.includes('AWS: !Ref CIAccountId'), 'what was there stays');
  });

  it('a role in the pipeline\'s own file: the fix edits that file, without a file name', () => {
    const code = combined(DEV_ROLES.replace(TRUST_CI, 'Service: codepipeline.amazonaws.com'));
    const finding = lintText(code, { fileName: 'ci.yaml', parameterValues: PIPELINE_ACCOUNT }).findings.find((candidate) => candidate.ruleId === 'CPX-R06');
    assert.deepEqual(finding?.fixes.map((fix) => fix.fileName), [undefined]);
  });

  it('Fn::ImportValue resolves to another template\'s export, and links to it', () => {
    const exporter = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  DeployRole:\n    Value: arn:aws:iam::333333333333:role/cross-account-role\n    Export:\n      Name: dev-deploy-role\n`;
    const ci = CI_PIPELINE.replace(`RoleArn: ${ACTION_ROLE}`, 'RoleArn: !ImportValue dev-deploy-role');
    const dev = DEV_ROLES.replace(TRUST_CI, 'Service: codepipeline.amazonaws.com');
    const files = { 'ci.yaml': ci, 'dev.yaml': dev, 'exports.yaml': exporter };
    const space = workspace(files);
    assert.deepEqual(space.exportsByName('dev-deploy-role').map((exported) => exported.value), ['arn:aws:iam::333333333333:role/cross-account-role']);
    assert.deepEqual(space.links().filter((link) => link.kind === 'export').map((link) => [link.fileName, link.reference, link.targets.map((target) => `${target.fileName}:${lineOf(exporter, 'Value:')}`)]), [
      ['ci.yaml', 'dev-deploy-role', ['exports.yaml:7']],
    ]);
    assert.deepEqual(findings(space, 'ci.yaml', files).filter((line) => line.startsWith('CPX-R06')), [
      `CPX-R06 ${lineOf(ci, 'RoleArn: !ImportValue')} !ImportValue dev-deploy-role dev.yaml:${lineOf(dev, 'AssumeRolePolicyDocument') + 1} dev.yaml:${lineOf(dev, 'Service: codepipeline')}`,
    ]);
    assert.deepEqual(space.dependentsOf('exports.yaml'), ['ci.yaml']);
  });

  it('lets go of the models of files not used lately, and builds them again from the text when a lint needs them', () => {
    const dev = DEV_ROLES.replace(TRUST_CI, 'AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"');
    const files: Record<string, string> = { 'ci.yaml': CI_PIPELINE, 'dev.yaml': dev };
    const space = workspace(files);
    const first = space.model('dev.yaml');
    // Many other templates pass through the index after dev.yaml.
    for (let index = 0; index < 300; index++) space.load(`other-${index}.yaml`, `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Topic${index}: {Type: AWS::SNS::Topic}\n`);
    const again = space.model('dev.yaml');
    assert.notEqual(again, first, 'built again');
    assert.equal(again?.source.text, dev);
    assert.deepEqual(space.rolesByKey('role/cross-account-role').map((role) => [role.fileName, role.role.logicalId]), [['dev.yaml', 'CrossAccountRole']]);
    assert.deepEqual(findings(space, 'ci.yaml', files), [
      `CPX-R06 ${lineOf(CI_PIPELINE, `RoleArn: ${ACTION_ROLE}`)} ${ACTION_ROLE} dev.yaml:${lineOf(dev, 'AssumeRolePolicyDocument') + 1}`,
    ]);
  });

  it('a role defined in two files: a CPX-U01 note, never a guess', () => {
    const wrong = DEV_ROLES.replace(TRUST_CI, 'Service: codepipeline.amazonaws.com').replace(PASS_ROLE, '');
    const files = { 'ci.yaml': CI_PIPELINE, 'dev.yaml': DEV_ROLES, 'dev-copy.yaml': wrong };
    const result = findings(workspace(files), 'ci.yaml', files);
    assert.deepEqual(result, [
      `CPX-U01 ${lineOf(CI_PIPELINE, `RoleArn: ${ACTION_ROLE}`)} ${ACTION_ROLE}`,
      `CPX-U01 ${lineOf(CI_PIPELINE, `RoleArn: ${CFN_ROLE}`)} ${CFN_ROLE}`,
    ]);
  });
});
