// "Open Deployed Pipeline…" in a real VS Code with the packaged extension: the SDK inside the
// .vsix (dist/aws.js) talks to the local stand-in for AWS (test/support/aws-server.ts) through
// AWS_ENDPOINT_URL_*, with profiles from temporary config files. Screenshots: artifacts/e2e/aws/.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CROSS_ACCOUNT, LOCKED } from '../support/aws-recordings';
import { awsSandbox } from '../support/aws-sandbox';
import { startFakeAws, type FakeAws } from '../support/aws-server';
import { e2eSkipReason, repoRoot, SEL, startEditor, tempDir, type Editor } from './harness';

const ROOT = repoRoot();
const VSIX = path.join(ROOT, 'cross-account-pipeline-lint.vsix');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e', 'aws');
const COMMAND = 'Open Deployed Pipeline';

describe('Open Deployed Pipeline in a real VS Code', { skip: e2eSkipReason(), timeout: 300_000 }, () => {
  let aws: FakeAws;
  let editor: Editor;
  let workspace: string;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} exists (npm run package)`);
    aws = await startFakeAws();
    workspace = tempDir('cpx-e2e-aws-');
    fs.writeFileSync(path.join(workspace, 'README.md'), 'A workspace for the AWS scenario.\n');
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    editor = await startEditor({ vsixPath: VSIX, workspaceDir: workspace, artifactsDir: ARTIFACTS, env: awsSandbox(aws.url, tempDir('cpx-aws-home-')) });
  });

  after(async () => {
    await editor?.stop();
    if (aws) {
      assert.deepEqual(aws.otherOperations(), [], 'only read-only operations were called');
      await aws.close();
    }
  });

  const input = (): ReturnType<Editor['page']['locator']> => editor.page.locator(`${SEL.quickInput} input`);

  /** Waits for the quick input titled `title`, types `text` and accepts the focused row (or the input box). */
  async function answer(title: string, text: string, row?: string): Promise<void> {
    await editor.page.locator(`${SEL.quickInput} .quick-input-title`, { hasText: title }).waitFor({ timeout: 30_000 });
    await input().fill(text);
    if (row) await editor.page.locator(`${SEL.quickInputRow}.focused`, { hasText: row }).waitFor();
    await editor.page.keyboard.press('Enter');
  }

  /** The palette lists the extension's commands only once the extension host has read its manifest. */
  async function runCommandWhenListed(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      await editor.page.keyboard.press('F1');
      await input().fill(`>${COMMAND}`);
      const row = editor.page.locator(SEL.quickInputRow, { hasText: COMMAND }).first();
      if (await row.waitFor({ timeout: 1000 }).then(() => true, () => false)) break;
      if (Date.now() > deadline) throw new Error(`"${COMMAND}" is not in the command palette`);
      await editor.page.keyboard.press('Escape');
    }
    await editor.page.locator(`${SEL.quickInputRow}.focused`, { hasText: COMMAND }).waitFor();
    await editor.page.keyboard.press('Enter');
  }

  /** Profile `tools`, its region as offered, then the pipeline list: returns the rows it showed. */
  async function listPipelines(): Promise<string[]> {
    await runCommandWhenListed();
    await answer('AWS profile', 'tools', 'tools');
    await editor.page.locator(`${SEL.quickInput} .quick-input-title`, { hasText: 'AWS region' }).waitFor();
    assert.equal(await input().inputValue(), 'eu-west-1', 'the region defaults to the profile');
    await editor.page.keyboard.press('Enter');
    await editor.page.locator(`${SEL.quickInput} .quick-input-title`, { hasText: 'Pipelines of account 111111111111 in eu-west-1 (5)' }).waitFor({ timeout: 30_000 });
    return (await editor.page.locator(SEL.quickInputRow).allTextContents()).map((text) => text.trim());
  }

  it('lists both pages, opens the picked pipeline read-only as JSON, and shows CPX-R01 on the CloudFormation role', async () => {
    aws.reset();
    const rows = await listPipelines();
    for (const name of ['app-build', CROSS_ACCOUNT, 'docs-site', 'infra-shared', LOCKED]) assert.ok(rows.some((row) => row.startsWith(name)), `${name} in ${JSON.stringify(rows)}`);
    await editor.screenshot('pipelines');
    await answer('Pipelines of account', 'cross-acc', CROSS_ACCOUNT);
    await editor.page.locator(`${SEL.activeTab}[data-resource-name="${CROSS_ACCOUNT}.json"]`).waitFor({ timeout: 30_000 });

    const problem = await editor.waitForProblem(/cpx-lint\(?CPX-R01\b/, 30_000);
    assert.match(problem, /^Error: /);
    const [, line, character] = /at line (\d+) and character (\d+)/.exec(problem) ?? [];
    await editor.gotoLine(Number(line));
    await editor.waitForSquiggle('error');
    const role = await editor.findText('"arn:aws:iam::222222222222:role/cloudformation-deployer"');
    assert.deepEqual([role.lineNumber, role.index + 1], [Number(line), Number(character)], 'the finding is on the CloudFormation role');
    assert.match(role.lineText, /^ {28}"RoleArn": /, '4-space indented get-pipeline JSON');
    await editor.screenshot('cross-account-finding');

    // Read-only: typing changes nothing.
    await editor.typeAt('"RoleArn"', 'before', 'x');
    assert.equal((await editor.findText('"RoleArn"')).lineText, role.lineText);
    assert.equal(await editor.page.locator(`${SEL.activeTab}.dirty`).count(), 0);

    assert.deepEqual(aws.calls.map((call) => [call.operation, call.region, call.input.nextToken === undefined ? '' : 'next']), [
      ['GetCallerIdentity', 'eu-west-1', ''],
      ['ListPipelines', 'eu-west-1', ''],
      ['ListPipelines', 'eu-west-1', 'next'],
      ['GetPipeline', 'eu-west-1', ''],
    ]);
  });

  it('Cancel on the progress notification aborts the request in flight, quietly', async () => {
    aws.reset();
    aws.stall('ListPipelines');
    await runCommandWhenListed();
    await answer('AWS profile', 'tools', 'tools');
    await answer('AWS region', 'eu-west-1');
    const progress = editor.page.locator('.notifications-toasts .notification-toast', { hasText: 'Listing pipelines' });
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached' });
    for (let waited = 0; aws.abandoned.length === 0 && waited < 10_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual(aws.abandoned, ['ListPipelines']);
    assert.equal(await editor.page.locator('.notifications-toasts .notification-toast').count(), 0, 'no error shown');
    assert.equal(await editor.page.locator(SEL.quickInput).isVisible(), false, 'no pipeline list');
  });

  it("VS Code's Save As keeps a copy as a file", async () => {
    const target = path.join(workspace, `${CROSS_ACCOUNT}.json`);
    await editor.runCommand('File: Save As', { waitClosed: false });
    await input().waitFor();
    // The dialog fills in its suggestion a moment after it opens, over what was typed: type until the path stays.
    for (let tries = 0; tries < 50; tries++) {
      if ((await input().inputValue()) !== target) await input().fill(target);
      await new Promise((resolve) => setTimeout(resolve, 200));
      if ((await input().inputValue()) === target) break;
    }
    await editor.page.keyboard.press('Enter');
    const written = (): string => (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '');
    for (let waited = 0; !written().endsWith('}\n') && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    await editor.screenshot('saved-copy');
    const saved = written();
    assert.deepEqual(Object.keys(JSON.parse(saved) as object), ['pipeline', 'metadata']);
    assert.match(saved, /"RoleArn": "arn:aws:iam::222222222222:role\/cloudformation-deployer"/);
  });

  it('a pipeline the policy does not allow: the notification names codepipeline:GetPipeline', async () => {
    aws.reset();
    await listPipelines();
    await answer('Pipelines of account', 'payments', LOCKED);
    const toast = editor.page.locator('.notifications-toasts .notification-toast', { hasText: 'codepipeline:GetPipeline' });
    await toast.waitFor({ timeout: 30_000 });
    assert.match(await toast.innerText(), new RegExp(LOCKED));
    assert.doesNotMatch(await toast.innerText(), /\bat .*\.js:\d+/, 'no stack trace');
    await editor.page.locator('.notifications-toasts .notification-toast', { hasText: 'Listing pipelines' }).waitFor({ state: 'detached' });
    await editor.screenshot('access-denied');
  });
});
