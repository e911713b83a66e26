// The packaged extension in a real VS Code (code-server driven by Debian chromium): what a user
// sees on the originating case. The .vsix is the one `npm run package` built, so packaging is
// tested too. Screenshots go to artifacts/e2e/extension/.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { e2eSkipReason, repoRoot, startEditor, tempDir, type Editor } from './harness';

const ROOT = repoRoot();
const VSIX = path.join(ROOT, 'cross-account-pipeline-lint.vsix');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e', 'extension');
const skip = e2eSkipReason();

/** No error or warning squiggle (nor info, if asked) appears for `ms`, polled every 200 ms. */
async function assertNoSquiggles(editor: Editor, ms: number, includingInfo = false): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const count = await editor.squiggles('error').count() + await editor.squiggles('warning').count()
      + (includingInfo ? await editor.squiggles('info').count() : 0);
    assert.equal(count, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the extension in a real VS Code', { skip, timeout: 300_000 }, () => {
  let editor: Editor;
  let workspace: string;

  before(async () => {
    assert.ok(fs.existsSync(VSIX), `${VSIX} exists (npm run package)`);
    workspace = tempDir('cpx-e2e-ws-');
    fs.copyFileSync(path.join(ROOT, 'examples/seed-question/get-pipeline.json'), path.join(workspace, 'get-pipeline.json'));
    fs.copyFileSync(path.join(ROOT, 'examples/seed-question/template.yaml'), path.join(workspace, 'template.yaml'));
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/not-a-pipeline/input.yaml'), path.join(workspace, 'deployment.yaml'));
    fs.writeFileSync(path.join(workspace, 'roles.yaml'), '');
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    editor = await startEditor({
      vsixPath: VSIX,
      workspaceDir: workspace,
      artifactsDir: ARTIFACTS,
      settings: {
        // The seed template's pipeline runs in the tools account.
        'cpxLint.accounts': { 'AWS::AccountId': '111111111111' },
        'editor.autoClosingBrackets': 'never',
        'editor.autoClosingQuotes': 'never',
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
      },
    });
  });

  after(async () => {
    await editor?.stop();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('the seed get-pipeline JSON shows CPX-R01 on the CloudFormation role, in the editor and in Problems', async () => {
    await editor.openFile('get-pipeline.json');
    const started = Date.now();
    await editor.gotoLine(92);
    await editor.waitForSquiggle('error', 30_000);
    const row = await editor.waitForProblem(/at line 92 and character 40/);
    assert.match(row, /^Error: .*000000000000/);
    assert.match(row, /cpx-lint\(?CPX-R01\b/);
    await editor.screenshot('seed-json-error');
    process.stdout.write(`# open to first squiggle: ${Date.now() - started} ms\n`);
  });

  it('the quick fix adds the action roleArn in account 000000000000; saved, the error is gone', async () => {
    await editor.quickFix('Add the action role', 'error');
    await editor.waitForNoSquiggle('error');
    await editor.save();
    const saved = fs.readFileSync(path.join(workspace, 'get-pipeline.json'), 'utf8');
    assert.match(saved, /"runOrder": 2,\n {24}"roleArn": "arn:aws:iam::000000000000:role\/CodePipelineCrossAccountRole",\n {24}"configuration": \{/);
    await editor.screenshot('seed-json-fixed');
  });

  it('hovering the CloudFormation role names the role and its account', async () => {
    await editor.openFile('template.yaml');
    await editor.gotoLine(75);
    await editor.waitForSquiggle('error', 30_000);
    await editor.waitForProblem(/at line 75 .*cpx-lint\(?CPX-R01\b/);
    const hover = await editor.hoverOnText('role-to-assume');
    assert.match(hover, /CloudFormation role/);
    assert.match(hover, /000000000000/);
    await editor.screenshot('seed-template-hover');
  });

  it('the account map shows the broken link, and clicking it reveals the CloudFormation role', async () => {
    await editor.gotoLine(1);
    await editor.runCommand('Cross-Account Pipeline Lint: Show Account Map');
    const map = editor.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    const broken = map.locator('.link.broken').first();
    await broken.waitFor({ timeout: 30_000 });
    assert.match((await broken.textContent()) ?? '', /CPX-R01/);
    await editor.screenshot('account-map');
    await broken.locator('path').first().click({ force: true });
    // The editor beside the map moved to the CloudFormation role of the broken deploy action.
    let line = 0;
    for (let tries = 0; tries < 50 && line !== 75; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      line = (await editor.cursorPosition().catch(() => ({ line: 0, column: 0 }))).line;
    }
    assert.equal(line, 75);
    await editor.screenshot('account-map-revealed');
    await editor.page.keyboard.press('Control+W');
    await editor.openFile('template.yaml');
  });

  it('typing the missing action role clears the error without saving', async () => {
    const onDisk = fs.readFileSync(path.join(workspace, 'template.yaml'), 'utf8');
    await editor.typeAt('              RunOrder: 2', 'end', '\n');
    await editor.type('RoleArn: !Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/deployer');
    await editor.waitForText((text) => text.includes('              RoleArn: !Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/deployer'), 'the typed role');
    // Other rules (the artifact key, for one) may still have something to say about this template.
    await editor.waitForProblems((rows) => !rows.some((row) => /CPX-R01\b/.test(row)), 'CPX-R01 gone from Problems');
    assert.equal(fs.readFileSync(path.join(workspace, 'template.yaml'), 'utf8'), onDisk, 'not saved');
    await editor.screenshot('seed-template-typed');
  });

  it('a snippet expands into a target-account role stack that lints clean', async () => {
    await editor.openFile('roles.yaml');
    await editor.focusEditor();
    await editor.type('cpx-target-roles');
    await editor.page.keyboard.press('Control+Space');
    await editor.page.locator('.suggest-widget .monaco-list-row', { hasText: 'cpx-target-roles' }).first().waitFor();
    await editor.page.keyboard.press('Enter');
    await editor.page.keyboard.press('Escape');
    await editor.waitForText((text) => text.startsWith("AWSTemplateFormatVersion: '2010-09-09'"), 'the expanded snippet');
    await editor.save();
    const expanded = fs.readFileSync(path.join(workspace, 'roles.yaml'), 'utf8');
    assert.match(expanded, /RoleName: CodePipelineCrossAccountRole/);
    assert.match(expanded, /Service: cloudformation\.amazonaws\.com/);
    // The status bar shows the file was linted as a template; then nothing may be reported.
    const status = editor.page.locator('.statusbar-item', { hasText: 'CloudFormation template' }).first();
    await status.waitFor();
    await assertNoSquiggles(editor, 1000);
    assert.doesNotMatch(await status.innerText(), /error/, 'the status bar counts no errors in the whole file');
    await editor.screenshot('snippet-target-roles');
  });

  it('a YAML file that is not a pipeline gets no diagnostics', async () => {
    await editor.openFile('deployment.yaml');
    // Give the linter several debounce periods to (wrongly) report something.
    await assertNoSquiggles(editor, 2000, true);
    // The status bar item shows only on files recognised as templates or pipelines.
    const recognised = editor.page.locator('.statusbar-item', { hasText: /CloudFormation template|get-pipeline output|pipeline (definition|action|stage)/ });
    assert.equal(await recognised.count(), 0);
    await editor.screenshot('not-a-pipeline');
  });
});
