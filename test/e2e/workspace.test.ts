// The workspace in a real VS Code: the first scan of a large folder behind a cancellable progress
// notification, and a pipeline checked against a role template of another account that is not
// open. Screenshots go to artifacts/e2e/workspace/.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { e2eSkipReason, repoRoot, SEL, startEditor, tempDir, type Editor } from './harness';
import { applyEdits, RULES, Workspace } from '../../src/core';
import { CI_PIPELINE, DEV_ROLES, lineOf, TRUST_CI } from '../support/workspace';

const ROOT = repoRoot();
const VSIX = path.join(ROOT, 'cross-account-pipeline-lint.vsix');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e', 'workspace');
/** Enough templates that the first scan lasts long enough to be cancelled by hand. */
const BULK_FILES = 12_000;
const TOAST = '.notifications-toasts .notification-toast';
const ACTION_ROLE_ARN = '!Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"';
/** A pipeline whose roles no file defines. */
const STACK_PIPELINE = CI_PIPELINE.replace(/cross-account-role/g, 'stack-action-role').replace(/cloudformation-role/g, 'stack-cfn-role');

async function waitForAsync(condition: () => Promise<boolean>, what: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A small role template, one of many in a large repository. */
function bulkTemplate(index: number): string {
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: bulk-${index}\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}\n`;
}

describe('the workspace in a real VS Code', { skip: e2eSkipReason(), timeout: 300_000 }, () => {
  let editor: Editor;
  let workspace: string;
  const devWrong = DEV_ROLES.replace(TRUST_CI, 'AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"');

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} exists (npm run package)`);
    workspace = tempDir('cpx-e2e-workspace-');
    fs.writeFileSync(path.join(workspace, 'ci.yaml'), CI_PIPELINE);
    fs.writeFileSync(path.join(workspace, 'stack-ci.yaml'), STACK_PIPELINE);
    fs.mkdirSync(path.join(workspace, 'dev'));
    fs.writeFileSync(path.join(workspace, 'dev', 'roles.yaml'), devWrong);
    fs.mkdirSync(path.join(workspace, 'bulk'));
    for (let index = 0; index < BULK_FILES; index++) fs.writeFileSync(path.join(workspace, 'bulk', `role-${index}.yaml`), bulkTemplate(index));
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    editor = await startEditor({
      vsixPath: VSIX,
      workspaceDir: workspace,
      artifactsDir: ARTIFACTS,
      settings: { 'cpxLint.accounts': { 'AWS::AccountId': '111111111111' } },
    });
  });

  after(async () => {
    await editor?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('the first scan shows a progress notification that cancels; the offered re-index links the unopened role template (CPX-R06)', async () => {
    const { page } = editor;
    // Opening a YAML file activates the extension, which starts the first scan.
    await editor.openFile('ci.yaml');
    const progress = page.locator(TOAST, { hasText: 'indexing templates' });
    await progress.waitFor({ timeout: 30_000 });
    await editor.screenshot('indexing-progress');
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    const cancelled = page.locator(TOAST, { hasText: 'before indexing was cancelled' });
    await cancelled.waitFor({ timeout: 30_000 });
    await progress.waitFor({ state: 'detached', timeout: 30_000 });
    await editor.screenshot('indexing-cancelled');
    const started = Date.now();
    await cancelled.locator('.monaco-button', { hasText: 'Re-index' }).click();
    await editor.gotoLine(lineOf(CI_PIPELINE, 'role/cross-account-role'));
    await editor.waitForSquiggle('error', 120_000);
    const row = await editor.waitForProblem(/cpx-lint\(?CPX-R06\b/);
    assert.match(row, new RegExp(`at line ${lineOf(CI_PIPELINE, 'role/cross-account-role')} and character`));
    process.stdout.write(`# ${BULK_FILES + 3} files: re-index to the first cross-file squiggle ${Date.now() - started} ms\n`);
    await editor.screenshot('r06-from-unopened-file');
    await page.locator(TOAST, { hasText: 'indexing templates' }).waitFor({ state: 'detached', timeout: 120_000 });
    process.stdout.write(`# ${BULK_FILES + 3} files: re-index to the end of the progress notification ${Date.now() - started} ms\n`);
  });

  it('the CPX-R06 quick fix on the pipeline edits the role template, which is not open; the error goes, and saved, the role template holds what the core writes', async () => {
    const space = new Workspace({ rules: RULES, parameterValues: new Map([['AWS::AccountId', '111111111111']]) });
    space.set('ci.yaml', CI_PIPELINE);
    space.set('dev/roles.yaml', devWrong);
    const fix = space.lint('ci.yaml').findings.find((finding) => finding.ruleId === 'CPX-R06')?.fixes[0];
    assert.equal(fix?.fileName, 'dev/roles.yaml');
    await editor.gotoLine(lineOf(CI_PIPELINE, 'role/cross-account-role'));
    await editor.quickFixAt(ACTION_ROLE_ARN, `${fix.title} (dev/roles.yaml)`);
    await editor.waitForProblems((rows) => !rows.some((row) => /CPX-R06/.test(row)), 'CPX-R06 gone from Problems');
    await editor.screenshot('r06-fixed-in-other-file');
    // The edited template is not open; open it to see the change, and save it.
    await editor.openFile('dev/roles.yaml');
    await editor.save();
    await editor.screenshot('role-template-saved');
    const saved = (): string => fs.readFileSync(path.join(workspace, 'dev', 'roles.yaml'), 'utf8');
    await waitForAsync(async () => saved() === applyEdits(devWrong, fix.edits), () => `dev/roles.yaml saved with the fix; have:\n${saved()}`);
  });

  it('"Create the target-account role stack" asks where to save it, writes it, opens it, and the pipeline links to it', async () => {
    await editor.openFile('stack-ci.yaml');
    await editor.gotoLine(lineOf(STACK_PIPELINE, 'role/stack-action-role'));
    await editor.quickFixAt('!Sub "arn:aws:iam::${DevAccountId}:role/stack-action-role"', 'Create the target-account role stack');
    const input = editor.page.locator(`${SEL.quickInput} input`);
    await input.waitFor({ state: 'visible' });
    // The dialog fills in the suggested path after it opens.
    let suggested = '';
    await waitForAsync(async () => /dev-roles\.yaml$/.test(suggested = await input.inputValue()), () => `the suggested file next to the pipeline; have ${suggested}`);
    await editor.screenshot('role-stack-save-dialog');
    await editor.page.keyboard.press('Enter');
    await editor.page.locator(`${SEL.activeTab}[data-resource-name="dev-roles.yaml"]`).waitFor();
    const written = fs.readFileSync(path.join(workspace, 'dev-roles.yaml'), 'utf8');
    assert.match(written, /RoleName: stack-action-role\n/);
    assert.match(written, /RoleName: stack-cfn-role\n/);
    await editor.screenshot('role-stack-written');
  });
});
