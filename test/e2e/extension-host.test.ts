// Runs test/e2e/host/*.suite.js inside the real extension host of code-server (the payload
// recipe of @vscode/test-web), with the extension loaded from this repository's build. The same
// suite runs under @vscode/test-cli where VS Code can be downloaded (npm run test:electron).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { e2eSkipReason, repoRoot, startEditor, tempDir, type Editor } from './harness';

const ROOT = repoRoot();

test('extension-host suite (mocha) in a real VS Code', { skip: e2eSkipReason(), timeout: 180_000 }, async (t) => {
  const workspace = tempDir('cpx-host-ws-');
  fs.cpSync(path.join(ROOT, 'test', 'fixtures'), workspace, { recursive: true });
  const resultsFile = path.join(tempDir('cpx-host-results-'), 'results.json');
  let editor: Editor | undefined;
  t.after(async () => {
    await editor?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });
  let finish: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => { finish = resolve; });
  editor = await startEditor({
    workspaceDir: workspace,
    artifactsDir: path.join(ROOT, 'artifacts', 'e2e', 'extension-host'),
    // Files under quiet/ send no change events: how a full inotify table or a network drive behaves.
    settings: { 'cpxLint.accounts': { 'AWS::AccountId': '111111111111' }, 'files.watcherExclude': { '**/quiet/**': true } },
    env: { CPX_HOST_RESULTS: resultsFile },
    extensionTests: {
      developmentPath: ROOT,
      testsPath: path.join(ROOT, 'out', 'test', 'e2e', 'host', 'index.js'),
      onExit: (code) => finish(code),
    },
  });
  const startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited,
    new Promise<number>((_, reject) => { timer = setTimeout(() => reject(new Error('the extension-host suite did not finish in 120 s')), 120_000); }),
  ]).finally(() => clearTimeout(timer));
  assert.ok(fs.existsSync(resultsFile), 'the suite wrote its results');
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { passed: string[]; failed: { title: string; error: string }[] };
  const activation = fs.existsSync(`${resultsFile}.activation`) ? fs.readFileSync(`${resultsFile}.activation`, 'utf8') : '?';
  t.diagnostic(`extension-host suite: ${results.passed.length} passed, ${results.failed.length} failed; activation ${activation} ms; start ${JSON.stringify(editor.timings)}; suite ${Date.now() - startedAt} ms`);
  assert.deepEqual(results.failed, []);
  assert.ok(results.passed.length >= 3, `passed: ${results.passed.join('; ')}`);
  assert.equal(code, 0);
});
