// The workspace in a real VS Code: the first scan of a large folder behind a cancellable progress
// notification, and a pipeline checked against a role template of another account that is not
// open. Screenshots go to artifacts/e2e/workspace/.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { e2eSkipReason, repoRoot, startEditor, tempDir, type Editor } from './harness';
import { CI_PIPELINE, DEV_ROLES, lineOf, TRUST_CI } from '../support/workspace';

const ROOT = repoRoot();
const VSIX = path.join(ROOT, 'cross-account-pipeline-lint.vsix');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e', 'workspace');
/** Enough templates that the first scan lasts long enough to be cancelled by hand. */
const BULK_FILES = 12_000;
const TOAST = '.notifications-toasts .notification-toast';

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
    process.stdout.write(`# ${BULK_FILES + 2} files re-indexed to the first cross-file squiggle: ${Date.now() - started} ms\n`);
    await editor.screenshot('r06-from-unopened-file');
  });
});
