// `npm run bench:editor`: keystroke-to-diagnostic latency in a real VS Code (code-server), on
// generated templates of about 20 KB and 1 MB. Each round types a duplicate top-level key
// (CPX-F02) and times the error squiggle from the last keystroke, then deletes the line and
// times the squiggle going away. Then across files, among 1,000 other templates: typing in a
// role template until the open pipeline that names the role changes (CPX-R06 goes and comes
// back, read from the status bar's error count). Prints medians; not a timed test.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { missingPrerequisites, repoRoot, startEditor, tempDir } from '../test/e2e/harness';
import { generateTemplate } from './generate';
import { CI_PIPELINE, DEV_ROLES, TRUST_CI } from '../test/support/workspace';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const OTHER_TEMPLATES = 1000;

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
  fs.writeFileSync(path.join(workspace, 'ci.yaml'), CI_PIPELINE);
  // The DEV role trusts its own account: CPX-R06 on the pipeline while the role is linked.
  fs.writeFileSync(path.join(workspace, 'dev-roles.yaml'), DEV_ROLES.replace(TRUST_CI, 'AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"'));
  fs.mkdirSync(path.join(workspace, 'others'));
  for (let index = 0; index < OTHER_TEMPLATES; index++) fs.writeFileSync(path.join(workspace, 'others', `t${index}.yaml`), generateTemplate(2_000 + (index % 7) * 500, 'yaml'));
  const editor = await startEditor({
    vsixPath: vsix, workspaceDir: workspace, artifactsDir: path.join(repoRoot(), 'artifacts', 'bench-editor'),
    settings: { 'workbench.editor.enablePreview': false, 'cpxLint.indexWorkspace': process.env.INDEX !== 'off', 'cpxLint.accounts': { 'AWS::AccountId': '111111111111' }, 'editor.quickSuggestions': { other: false, comments: false, strings: false } },
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
    await editor.openFile('ci.yaml');
    await editor.openFile('dev-roles.yaml');
    const errors = async (): Promise<number> => Number(/Errors: (\d+)/.exec(await editor.statusProblems())?.[1] ?? 0);
    const until = async (wanted: (count: number) => boolean): Promise<number> => {
      const started = Date.now();
      while (!wanted(await errors())) {
        if (Date.now() - started > 30_000) throw new Error('the pipeline never changed');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return Date.now() - started;
    };
    const linked = await errors();
    const unlinked: number[] = [];
    const relinked: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Renaming the role unlinks it (CPX-R06 goes); deleting the letter links it again.
      await editor.typeAt('RoleName: cross-account-role', 'end', 'x');
      unlinked.push(await until((count) => count < linked));
      await editor.press('Backspace');
      relinked.push(await until((count) => count === linked));
    }
    console.log(`across files (${OTHER_TEMPLATES + 4} files in the folder): role template keystroke to the open pipeline's CPX-R06 gone, median of ${ROUNDS}: ${median(unlinked)} ms (min ${Math.min(...unlinked)}, max ${Math.max(...unlinked)}); back: ${median(relinked)} ms`);
  } finally {
    await editor.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
