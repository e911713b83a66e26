// `npm run bench:editor`: keystroke-to-diagnostic latency in a real VS Code (code-server), on
// generated templates of about 20 KB and 1 MB. Each round types a duplicate top-level key
// (CPX-F02) and times the error squiggle from the last keystroke, then deletes the line and
// times the squiggle going away. Prints medians; not a timed test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingPrerequisites, repoRoot, startEditor, tempDir } from '../test/e2e/harness';
import { generateTemplate } from './generate';

const ROUNDS = Number(process.env.ROUNDS ?? 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const missing = missingPrerequisites();
  if (missing) throw new Error(missing);
  const vsix = path.join(repoRoot(), 'cross-account-pipeline-lint.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: npm run package`);
  const workspace = tempDir('cpx-latency-');
  const sizes = { '20KB': 20_000, '1MB': 990_000 };
  for (const [name, bytes] of Object.entries(sizes)) fs.writeFileSync(path.join(workspace, `${name}.yaml`), generateTemplate(bytes, 'yaml'));
  const editor = await startEditor({
    vsixPath: vsix, workspaceDir: workspace, artifactsDir: path.join(repoRoot(), 'artifacts', 'bench-editor'),
    settings: { 'cpxLint.accounts': { 'AWS::AccountId': '111111111111' }, 'editor.quickSuggestions': { other: false, comments: false, strings: false } },
    timeoutMs: 30_000,
  });
  try {
    for (const name of Object.keys(sizes)) {
      await editor.openFile(`${name}.yaml`);
      await editor.waitForNoSquiggle('error');
      const appear: number[] = [];
      const clear: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await editor.gotoLine(1, true);
        await editor.type('\nAWSTemplateFormatVersion: x');
        let started = Date.now();
        await editor.waitForSquiggle('error');
        appear.push(Date.now() - started);
        await editor.page.keyboard.press('Control+Shift+K');
        started = Date.now();
        await editor.waitForNoSquiggle('error');
        clear.push(Date.now() - started);
      }
      console.log(`${name}: keystroke to squiggle, median of ${ROUNDS}: ${median(appear)} ms (min ${Math.min(...appear)}, max ${Math.max(...appear)}); edit to squiggle gone: ${median(clear)} ms`);
    }
  } finally {
    await editor.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
