// End-to-end harness: drives a REAL VS Code (code-server 4.100.3 = VS Code 1.100.3) with an
// installed .vsix, through Debian's chromium and playwright-core. Usable from node:test.
//
// Prerequisites: `bash scripts/e2e/setup.sh` (installs chromium and code-server into
// .vscode-test/code-server/). Without them, `e2eSkipReason()` gives a reason to skip; in CI
// (CI=true) or with E2E_REQUIRED=1 it never skips, so a broken setup fails loudly.
//
// Every wait is on a DOM condition (or a short poll), never a fixed sleep.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const DEFAULT_TIMEOUT_MS = 20_000;

export type SquiggleKind = 'error' | 'warning' | 'info';

export interface StartOptions {
  /** The packaged extension to install (see `packageVsix`); none for an extension-host suite run from source. */
  vsixPath?: string;
  /**
   * Runs a test suite inside the real extension host, as @vscode/test-web does: the web workbench
   * takes extensionDevelopmentPath / extensionTestsPath in the URL payload. `onExit` receives the
   * runner's exit code (0 passed, 1 failed).
   */
  extensionTests?: { developmentPath: string; testsPath: string; onExit: (code: number) => void };
  /** Extra environment for code-server and its extension host. */
  env?: Record<string, string>;
  /** Folder opened as the workspace. Files are edited in place; pass a temp copy. */
  workspaceDir: string;
  /** Extra user settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Where screenshots and logs go (created if missing). */
  artifactsDir: string;
  /** Default timeout of the Editor's waits, ms (20 000). */
  timeoutMs?: number;
  /** Keep the temporary run dir after stop() (for debugging). Also E2E_KEEP_RUN=1. */
  keepRunDir?: boolean;
}

/** The settings the recipe found necessary for a quiet, deterministic workbench. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  // VS Code's default in a browser is "afterDelay" (desktop: "off"); with it, edits are written
  // after 1 s and tabs never show as dirty. Tests should save explicitly, as on the desktop.
  'files.autoSave': 'off',
};

// ---------------------------------------------------------------------------------------
// Locations and prerequisites

/** The repository root: the first folder above this file holding package.json and node_modules. */
export function repoRoot(): string {
  if (process.env.E2E_ROOT) return path.resolve(process.env.E2E_ROOT);
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'node_modules'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`e2e: no repository root above ${__dirname}`);
    dir = up;
  }
}

/** The code-server launcher installed by scripts/e2e/setup.sh (or $E2E_CODE_SERVER). */
export function codeServerBin(): string {
  return process.env.E2E_CODE_SERVER ?? path.join(repoRoot(), '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
}

/** What is missing to run the e2e tests, or undefined when all is there. */
export function missingPrerequisites(): string | undefined {
  const missing: string[] = [];
  if (!isExecutable(codeServerBin())) missing.push(`code-server (${codeServerBin()})`);
  if (!isExecutable(CHROMIUM_PATH)) missing.push(`chromium (${CHROMIUM_PATH})`);
  if (missing.length === 0) return undefined;
  return `e2e prerequisites missing: ${missing.join(', ')}; run \`bash scripts/e2e/setup.sh\``;
}

/**
 * For node:test's `skip` option: a reason string when the prerequisites are missing, false
 * otherwise. In CI (CI=true) or with E2E_REQUIRED=1 it returns false even when they are
 * missing, so the test runs and fails with the reason instead of silently skipping.
 *
 *   test('…', { skip: e2eSkipReason() }, async () => { … })
 */
export function e2eSkipReason(): string | false {
  const reason = missingPrerequisites();
  if (!reason) return false;
  if (isTruthy(process.env.CI) || isTruthy(process.env.E2E_REQUIRED)) return false;
  return reason;
}

/** Throws with a clear message when prerequisites are missing. */
export function assertPrerequisites(): void {
  const reason = missingPrerequisites();
  if (reason) throw new Error(reason);
}

function isTruthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Packaging

/**
 * Packages the extension in `extensionDir` with the repo's vsce
 * (`vsce package --no-dependencies`), returning the .vsix path.
 */
export async function packageVsix(extensionDir: string, outPath: string): Promise<string> {
  const vsce = path.join(repoRoot(), 'node_modules', '.bin', 'vsce');
  await run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', outPath], {
    cwd: extensionDir,
    timeoutMs: 120_000,
  });
  if (!fs.existsSync(outPath)) throw new Error(`vsce did not write ${outPath}`);
  return outPath;
}

// ---------------------------------------------------------------------------------------
// Processes

interface RunResult {
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: opts.cwd, env: opts.env ?? process.env, timeout: opts.timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} ${args.join(' ')} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** pid -> parent pid, for every process, read from /proc/<pid>/stat. */
function parentMap(): Map<number, number> {
  const map = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may contain spaces and parentheses
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      map.set(Number(name), Number(fields[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

/** `pid` and all its descendants, deepest first (children before their parents). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const [child, parent] of parentMap()) {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  const out: number[] = [];
  const visit = (p: number): void => {
    for (const c of children.get(p) ?? []) visit(c);
    out.push(p);
  };
  visit(pid);
  return out;
}

function isAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Kills `pid` and every descendant: freezes the tree (SIGSTOP) so nothing respawns, picks up
 * anything forked meanwhile, then SIGKILLs children before parents. Synchronous, so it
 * also works from a process 'exit' handler. Returns the PIDs it killed.
 */
export function killTreeSync(pid: number): number[] {
  const first = processTree(pid).filter(isAlive);
  for (const p of first) signal(p, 'SIGSTOP');
  const all = processTree(pid).filter(isAlive);
  for (const p of all) signal(p, 'SIGSTOP');
  for (const p of all) signal(p, 'SIGKILL');
  return all;
}

async function killTree(pid: number, timeoutMs = 10_000): Promise<void> {
  const pids = killTreeSync(pid);
  await pollUntil(() => pids.every((p) => !isAlive(p)), timeoutMs, `processes ${pids.join(' ')} to exit`);
}

/** code-server PID -> its run dir (or '' to keep it), for the exit hook. */
const liveServers = new Map<number, string>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const cleanUp = (): void => {
    for (const [pid, runDir] of liveServers) {
      killTreeSync(pid);
      if (runDir) removeDir(runDir);
    }
    liveServers.clear();
    for (const dir of tempDirs) removeDir(dir);
    tempDirs.clear();
  };
  process.on('exit', cleanUp);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      cleanUp();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * A fresh temporary directory, removed when the process exits (also on SIGINT/SIGTERM) unless
 * E2E_KEEP_RUN=1. Remove it earlier yourself if you like.
 */
export function tempDir(prefix: string): string {
  installExitHook();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!isTruthy(process.env.E2E_KEEP_RUN)) tempDirs.add(dir);
  return dir;
}

function removeDir(dir: string): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch (err) {
    process.stderr.write(`e2e: could not remove ${dir}: ${String(err)}\n`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function pollUntil(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`e2e: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------
// The editor

/** Selectors for VS Code 1.100.3's workbench, measured with code-server 4.100.3. */
export const SEL = {
  workbench: '.monaco-workbench',
  activeEditor: '.part.editor .editor-group-container.active .monaco-editor',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  problemsRow: '.markers-panel .monaco-list-row',
  actionRow: '.action-widget .monaco-list-row.action',
  quickInput: '.quick-input-widget',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  hover: '.monaco-hover',
  statusProblems: '[id="status.problems"]',
  statusSelection: '[id="status.editor.selection"]',
} as const;

// Minimal DOM typings for the functions that run inside the page (the repo's tsconfig has no
// "dom" lib, and adding it globally would hide mistakes in extension code).
interface DomNode {
  readonly textContent: string | null;
}
interface DomText extends DomNode {
  readonly data: string;
}
interface DomElement extends DomNode {
  readonly style: { readonly top: string };
  readonly parentElement: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
}
interface DomRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
interface DomRange {
  setStart(node: DomText, offset: number): void;
  setEnd(node: DomText, offset: number): void;
  getBoundingClientRect(): DomRect;
}
declare const document: {
  querySelector(selector: string): DomElement | null;
  createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomNode | null };
  createRange(): DomRange;
};
declare const NodeFilter: { readonly SHOW_TEXT: number };

export type CursorPlace = 'end' | 'start' | 'before' | 'after';

export interface TextHit {
  box: { x: number; y: number; width: number; height: number };
  /** 1-based; 0 if the line number gutter is hidden */
  lineNumber: number;
  lineText: string;
  /** 0-based index of the text in lineText */
  index: number;
}

export interface Point {
  x: number;
  y: number;
}

export class Editor {
  private shots = 0;
  /** Milliseconds from the start of startEditor() to each startup milestone. */
  timings: Record<string, number> = {};

  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly url: string,
    readonly runDir: string,
    readonly artifactsDir: string,
    readonly timeoutMs: number,
    private readonly server: ChildProcess,
    private readonly keepRunDir: boolean,
    private readonly logFd: number,
  ) {}

  /** The active editor's squiggles of one kind. */
  squiggles(kind: SquiggleKind): Locator {
    return this.page.locator(`${SEL.activeEditor} .squiggly-${kind}`);
  }

  /** Opens a file of the workspace by name: a top-level Explorer row, else Quick Open (Control+P). */
  async openFile(name: string): Promise<void> {
    const base = path.basename(name);
    const row = this.page.locator(`${SEL.explorerRow}[aria-label="${cssString(base)}"]`);
    if (!name.includes('/') && (await row.count()) > 0) {
      await row.first().click();
    } else {
      await this.page.keyboard.press('Control+P');
      const input = this.page.locator(`${SEL.quickInput} input`);
      await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
      await input.fill(name);
      await this.page.locator(`${SEL.quickInputRow}.focused`, { hasText: base }).waitFor({ timeout: this.timeoutMs });
      await this.page.keyboard.press('Enter');
    }
    await this.page.locator(`${SEL.activeTab}[data-resource-name="${cssString(base)}"]`).waitFor({ timeout: this.timeoutMs });
    await this.page.locator(`${SEL.activeEditor} .view-lines`).waitFor({ timeout: this.timeoutMs });
  }

  /** Waits until the active editor shows at least one squiggle of `kind`. */
  async waitForSquiggle(kind: SquiggleKind, timeoutMs = this.timeoutMs): Promise<void> {
    await this.squiggles(kind).first().waitFor({ state: 'visible', timeout: timeoutMs });
  }

  /** Waits until the active editor shows no squiggle of `kind` (also true when no editor is open). */
  async waitForNoSquiggle(kind: SquiggleKind, timeoutMs = this.timeoutMs): Promise<void> {
    await this.squiggles(kind).first().waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /**
   * The Problems panel's marker rows: the aria-label ("Error: <message> at line 5 and character 7.
   * generated by <source>"), " | ", then the row's visible text, which holds `source(code)`; file
   * rows are left out.
   * Opens the panel if it is closed. The panel updates asynchronously: to wait for a given
   * entry use `waitForProblem`.
   */
  async problems(): Promise<string[]> {
    await this.showProblems();
    // The aria-label has the message and position; only the visible text has the code (`source(code)`).
    const labels = await this.page.locator(SEL.problemsRow).evaluateAll((rows) =>
      (rows as unknown as DomElement[]).map((r) => `${r.getAttribute('aria-label') ?? ''} | ${r.textContent ?? ''}`));
    return labels.filter((l) => /^(Error|Warning|Info)\b/.test(l));
  }

  /** Waits until a Problems row's aria-label contains `text` (or matches it); returns that label. */
  async waitForProblem(text: string | RegExp, timeoutMs = this.timeoutMs): Promise<string> {
    let found = '';
    await pollUntil(
      async () => {
        const rows = await this.problems();
        found = rows.find((r) => (typeof text === 'string' ? r.includes(text) : text.test(r))) ?? '';
        return found !== '';
      },
      timeoutMs,
      `a Problems entry matching ${String(text)}`,
      100,
    );
    return found;
  }

  /** Waits until the Problems rows (as `problems()` returns them) satisfy `pred`; returns them. */
  async waitForProblems(pred: (rows: string[]) => boolean, what = 'the Problems rows', timeoutMs = this.timeoutMs): Promise<string[]> {
    let rows: string[] = [];
    await pollUntil(
      async () => {
        rows = await this.problems();
        return pred(rows);
      },
      timeoutMs,
      what,
      100,
    );
    return rows;
  }

  /** The status bar's problems item, e.g. "Errors: 1, Warnings: 0" or "No Problems". */
  async statusProblems(): Promise<string> {
    return (await this.page.locator(SEL.statusProblems).first().getAttribute('aria-label')) ?? '';
  }

  private async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible()) return;
    await this.focusEditor();
    await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: this.timeoutMs });
    // Control+Shift+M focuses the panel; give the keyboard back to the editor
    await this.focusEditor();
  }

  /** Gives the keyboard focus to the active editor, keeping its cursor where it is. */
  async focusEditor(): Promise<void> {
    const ed = this.page.locator(SEL.activeEditor).first();
    if (await ed.isVisible()) {
      await ed.locator('textarea').first().focus();
    }
  }

  /**
   * Applies a quick fix: clicks the first squiggle (of `kind`, default any), presses Control+.,
   * moves the focus to the action row whose text contains `title`, presses Enter, and waits for
   * the menu to close.
   */
  async quickFix(title: string, kind?: SquiggleKind): Promise<void> {
    const squiggle = kind ? this.squiggles(kind).first() : this.page.locator(`${SEL.activeEditor} :is(.squiggly-error, .squiggly-warning, .squiggly-info)`).first();
    await squiggle.waitFor({ state: 'visible', timeout: this.timeoutMs });
    const c = await centre(squiggle);
    await this.page.mouse.click(c.x, c.y);
    await this.chooseQuickFix(title);
  }

  /** Puts the cursor right before `lineText` (as `placeCursor`) and applies the quick fix whose title contains `title`. */
  async quickFixAt(lineText: string, title: string): Promise<void> {
    await this.placeCursor(lineText, 'before');
    await this.chooseQuickFix(title);
  }

  private async chooseQuickFix(title: string): Promise<void> {
    await this.page.keyboard.press('Control+.');
    await this.page.locator(SEL.actionRow, { hasText: title }).first().waitFor({ timeout: this.timeoutMs });
    await this.focusRow(SEL.actionRow, title, 'quick fix');
    await this.page.keyboard.press('Enter');
    await this.page.locator(SEL.actionRow).first().waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Presses ArrowDown until the focused row of `rowSel` contains `text`. */
  private async focusRow(rowSel: string, text: string, what: string): Promise<void> {
    const rows = this.page.locator(rowSel);
    const n = await rows.count();
    for (let i = 0; i <= n; i++) {
      const focused = this.page.locator(`${rowSel}.focused`).first();
      if ((await focused.count()) > 0 && ((await focused.textContent()) ?? '').includes(text)) return;
      await this.page.keyboard.press('ArrowDown');
    }
    const texts = await rows.allTextContents();
    throw new Error(`e2e: no ${what} row containing "${text}"; rows: ${JSON.stringify(texts)}`);
  }

  /** The hover text over the first squiggle (of `kind`, default any). */
  async hoverText(kind?: SquiggleKind): Promise<string> {
    const squiggle = kind ? this.squiggles(kind).first() : this.page.locator(`${SEL.activeEditor} :is(.squiggly-error, .squiggly-warning, .squiggly-info)`).first();
    await squiggle.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return this.hoverAt(await centre(squiggle));
  }

  /** The hover text over the first visible occurrence of `text` in the active editor. */
  async hoverOnText(text: string): Promise<string> {
    const { box } = await this.findText(text);
    return this.hoverAt({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
  }

  private async hoverAt(p: Point): Promise<string> {
    // move away first so that a hover shown before does not count
    await this.page.mouse.move(1, 1);
    await this.visibleHover().waitFor({ state: 'hidden', timeout: this.timeoutMs }).catch(() => undefined);
    const hover = this.visibleHover();
    // A busy machine sometimes drops the hover's mouse-move: nudge the pointer and try again.
    for (let attempt = 1; ; attempt++) {
      await this.page.mouse.move(p.x + attempt - 1, p.y, { steps: 2 });
      try {
        await hover.waitFor({ state: 'visible', timeout: this.timeoutMs / 3 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.mouse.move(1, 1);
      }
    }
    // the content may render in steps (e.g. "Loading..." then the text): wait until it settles.
    // A part that keeps changing (a status line of the hover) must not fail the caller, whose
    // assertions are on the content: after a few seconds the latest text is what it gets.
    let last = '';
    await pollUntil(
      async () => {
        const now = (await hover.innerText().catch(() => '')).trim();
        const stable = now !== '' && now === last && !/^Loading\.\.\.$/.test(now);
        last = now;
        return stable;
      },
      Math.min(this.timeoutMs, 5000),
      'the hover text to settle',
      100,
    ).catch((error: unknown) => {
      if (last === '' || /^Loading\.\.\.$/.test(last)) throw error;
    });
    return last;
  }

  private visibleHover(): Locator {
    return this.page.locator(`${SEL.hover}:not(.hidden)`).filter({ visible: true }).first();
  }

  /**
   * Finds the first visible occurrence of `text` in the active editor (top to bottom): its
   * bounding box in page coordinates, the 1-based line number, the line's text and the 0-based
   * index of `text` in it. Waits (polls) until it is rendered. Lines with tabs are not
   * supported (Monaco renders a tab as several spaces).
   */
  async findText(text: string): Promise<TextHit> {
    let hit: TextHit | null = null;
    await pollUntil(
      async () => {
        hit = await this.page.evaluate(
          ({ sel, needle }) => {
            const editor = document.querySelector(sel);
            if (!editor) return null;
            const topOf = (e: DomElement): number => parseFloat(e.style.top || '0');
            const lines = Array.from(editor.querySelectorAll('.view-lines .view-line')).sort((a, b) => topOf(a) - topOf(b));
            const numbers = new Map<number, number>();
            for (const n of Array.from(editor.querySelectorAll('.margin-view-overlays .line-numbers'))) {
              if (n.parentElement) numbers.set(topOf(n.parentElement), Number(n.textContent));
            }
            for (const line of lines) {
              const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
              const nodes: DomText[] = [];
              let all = '';
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                nodes.push(n as DomText);
                all += (n as DomText).data.replace(/\u00a0/g, ' ');
              }
              const at = all.indexOf(needle);
              if (at < 0) continue;
              const range = document.createRange();
              let offset = 0;
              let started = false;
              for (const node of nodes) {
                const len = node.data.length;
                if (!started && at < offset + len) {
                  range.setStart(node, at - offset);
                  started = true;
                }
                if (started && at + needle.length <= offset + len) {
                  range.setEnd(node, at + needle.length - offset);
                  break;
                }
                offset += len;
              }
              const r = range.getBoundingClientRect();
              return {
                box: { x: r.x, y: r.y, width: r.width, height: r.height },
                lineNumber: numbers.get(topOf(line)) ?? 0,
                lineText: all,
                index: at,
              };
            }
            return null;
          },
          { sel: SEL.activeEditor, needle: text },
        );
        return hit !== null;
      },
      this.timeoutMs,
      `text "${text}" in the active editor`,
    );
    if (!hit) throw new Error('unreachable');
    return hit;
  }

  /**
   * Puts the cursor on the first visible line containing `lineText` — at the line's end, at its
   * first non-blank character ('start'), or right before/after `lineText` itself — and types
   * `text`. The editor's auto-closing and auto-indent act on typed text as for a user.
   */
  async typeAt(lineText: string, position: CursorPlace, text: string): Promise<void> {
    await this.placeCursor(lineText, position);
    if (text) await this.page.keyboard.type(text);
  }

  /** Moves the cursor as `typeAt` does, without typing; waits until the status bar shows it there. */
  async placeCursor(lineText: string, position: CursorPlace): Promise<void> {
    const hit = await this.findText(lineText);
    const line = hit.lineText;
    // a click just inside the first character lands right before it
    await this.page.mouse.click(hit.box.x + 1, hit.box.y + hit.box.height / 2);
    let column = hit.index + 1;
    await this.waitForCursor(hit.lineNumber, column);
    if (position === 'after') {
      await this.press('ArrowRight', lineText.length);
      column += lineText.length;
    } else if (position === 'end') {
      await this.page.keyboard.press('End');
      column = line.length + 1;
    } else if (position === 'start') {
      const firstNonBlank = line.length - line.trimStart().length + 1;
      // Home goes to the first non-blank, or to column 1 when already there
      if (column !== firstNonBlank) await this.page.keyboard.press('Home');
      column = firstNonBlank;
    }
    await this.waitForCursor(hit.lineNumber, column);
  }

  /** Waits until the status bar shows the cursor at `line` (0 = any line) and `column`. */
  async waitForCursor(line: number, column: number, timeoutMs = this.timeoutMs): Promise<void> {
    let last = '';
    await pollUntil(
      async () => {
        const p = await this.cursorPosition();
        last = `Ln ${p.line}, Col ${p.column}`;
        return (line === 0 || p.line === line) && p.column === column;
      },
      timeoutMs,
      `the cursor at Ln ${line}, Col ${column} (status bar: ${last || '?'})`,
    );
  }

  /** Cursor line and column from the status bar ("Ln 3, Col 7"). */
  async cursorPosition(): Promise<{ line: number; column: number }> {
    const text = (await this.page.locator(SEL.statusSelection).first().getAttribute('aria-label')) ?? '';
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    if (!m) throw new Error(`e2e: no cursor position in the status bar ("${text}")`);
    return { line: Number(m[1]), column: Number(m[2]) };
  }

  /** Goes to line `n` (Control+G) and, optionally, the line's end. */
  async gotoLine(n: number, end = false): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator(`${SEL.quickInput} input`);
    await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await input.fill(`:${n}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: this.timeoutMs });
    if (end) await this.page.keyboard.press('End');
    await pollUntil(async () => (await this.cursorPosition()).line === n, this.timeoutMs, `cursor on line ${n}`);
  }

  /** Types at the cursor. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Presses a key (Playwright key name, e.g. 'Backspace', 'Control+Z') `times` times. */
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.page.keyboard.press(key);
  }

  /** The rendered lines of the active editor (only those scrolled into view), top to bottom. */
  async editorLines(): Promise<string[]> {
    return this.page.locator(`${SEL.activeEditor} .view-lines .view-line`).evaluateAll((els) =>
      (els as unknown as DomElement[])
        .map((e) => ({ top: parseFloat(e.style.top || '0'), text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((e) => e.text),
    );
  }

  /** The active editor's visible text, lines joined with \n, NBSP turned back into spaces. */
  async editorText(): Promise<string> {
    return (await this.editorLines()).join('\n');
  }

  /** Waits until the visible text of the active editor satisfies `pred`. */
  async waitForText(pred: (text: string) => boolean, what = 'the editor text', timeoutMs = this.timeoutMs): Promise<string> {
    let text = '';
    await pollUntil(
      async () => {
        text = await this.editorText();
        return pred(text);
      },
      timeoutMs,
      what,
    );
    return text;
  }

  /**
   * Control+S, then waits until the active tab is no longer dirty (tabs show dirty only with
   * files.autoSave off, which DEFAULT_SETTINGS sets).
   */
  async save(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+S');
    await this.page.locator(`${SEL.activeTab}.dirty`).waitFor({ state: 'detached', timeout: this.timeoutMs });
  }

  /**
   * Runs a command by its palette title (F1, type, focus the row containing `title`, Enter) and
   * waits for the palette to close; pass `waitClosed: false` for a command that opens another
   * quick input.
   */
  async runCommand(title: string, { waitClosed = true }: { waitClosed?: boolean } = {}): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('F1');
    const input = this.page.locator(`${SEL.quickInput} input`);
    await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await input.fill(`>${title}`);
    await this.page.locator(SEL.quickInputRow, { hasText: title }).first().waitFor({ timeout: this.timeoutMs });
    await this.focusRow(SEL.quickInputRow, title, 'command palette');
    await this.page.keyboard.press('Enter');
    if (waitClosed) await this.page.locator(SEL.quickInput).waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Saves a PNG of the page to `<artifactsDir>/<name>.png` (numbered in call order) and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(this.artifactsDir, `${String(++this.shots).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '_')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Closes the browser, kills code-server's whole process tree, removes the run dir. Safe to call twice. */
  async stop(): Promise<void> {
    await this.context.close().catch(() => undefined);
    const pid = this.server.pid;
    if (pid !== undefined && liveServers.has(pid)) {
      await killTree(pid);
      liveServers.delete(pid);
    }
    try {
      fs.closeSync(this.logFd);
    } catch {
      // closed before
    }
    if (!this.keepRunDir) removeDir(this.runDir);
  }
}

/**
 * Starts a fresh code-server with the .vsix installed, opens `workspaceDir` in a headless
 * chromium and waits for the workbench. Always `stop()` the result (use try/finally or
 * t.after). Logs go to `<artifactsDir>/code-server.log` and `browser-console.log`.
 */
export async function startEditor(opts: StartOptions): Promise<Editor> {
  assertPrerequisites();
  installExitHook();
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const mark = (name: string): void => {
    timings[name] = Date.now() - t0;
  };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  fs.mkdirSync(opts.artifactsDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-run-'));
  const dirs = {
    user: path.join(runDir, 'user'),
    exts: path.join(runDir, 'exts'),
    xdgConfig: path.join(runDir, 'xdg', 'config'),
    xdgData: path.join(runDir, 'xdg', 'data'),
    home: path.join(runDir, 'home'),
    profile: path.join(runDir, 'chromium-profile'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.settings }, null, 2));

  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, HOME: dirs.home };
  const bin = codeServerBin();
  const common = ['--user-data-dir', dirs.user, '--extensions-dir', dirs.exts];
  try {
    if (opts.vsixPath) await run(bin, [...common, '--install-extension', path.resolve(opts.vsixPath)], { env, timeoutMs: 60_000 });
  } catch (err) {
    removeDir(runDir);
    throw err;
  }
  mark('extensionInstalled');

  const port = await freePort();
  const logFd = fs.openSync(path.join(opts.artifactsDir, 'code-server.log'), 'a');
  const server = spawn(
    bin,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...common,
      path.resolve(opts.workspaceDir),
    ],
    { env, stdio: ['ignore', logFd, logFd] },
  );
  if (server.pid === undefined) throw new Error(`e2e: could not start ${bin}`);
  const keepRunDir = opts.keepRunDir ?? isTruthy(process.env.E2E_KEEP_RUN);
  liveServers.set(server.pid, keepRunDir ? '' : runDir);
  let exited: string | undefined;
  server.on('exit', (code, sig) => (exited = `code-server exited (${code ?? sig}); see ${path.join(opts.artifactsDir, 'code-server.log')}`));

  let context: BrowserContext | undefined;
  try {
    const base = `http://127.0.0.1:${port}`;
    await pollUntil(
      async () => {
        if (exited) throw new Error(exited);
        return (await httpStatus(`${base}/healthz`)) === 200;
      },
      30_000,
      `${base}/healthz`,
      100,
    );
    mark('serverHealthy');
    context = await chromium.launchPersistentContext(dirs.profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
      env: { ...process.env, HOME: dirs.home },
    });
    mark('browserLaunched');
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleLog = fs.createWriteStream(path.join(opts.artifactsDir, 'browser-console.log'), { flags: 'a' });
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
    context.on('close', () => consoleLog.end());
    page.setDefaultTimeout(timeoutMs);
    const query: Record<string, string> = { folder: path.resolve(opts.workspaceDir) };
    const tests = opts.extensionTests;
    if (tests) {
      await page.exposeFunction('codeAutomationExit', (code: number) => tests.onExit(code));
      const remote = (p: string): string => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
      query.payload = JSON.stringify([['extensionDevelopmentPath', remote(tests.developmentPath)], ['extensionTestsPath', remote(tests.testsPath)]]);
    }
    const url = `${base}/?${new URLSearchParams(query).toString()}`;
    await page.goto(url);
    await page.locator(SEL.workbench).waitFor({ timeout: 60_000 });
    mark('workbench');
    // the Explorer has rendered the workspace
    await page.locator(SEL.explorerRow).first().waitFor({ timeout: 60_000 });
    mark('explorer');
    const editor = new Editor(page, context, url, runDir, opts.artifactsDir, timeoutMs, server, keepRunDir, logFd);
    editor.timings = timings;
    return editor;
  } catch (err) {
    await context?.close().catch(() => undefined);
    await killTree(server.pid).catch(() => undefined);
    liveServers.delete(server.pid);
    fs.closeSync(logFd);
    if (!keepRunDir) removeDir(runDir);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// Small helpers

async function centre(loc: Locator): Promise<Point> {
  const box = await loc.boundingBox();
  if (!box) throw new Error('e2e: element has no bounding box (not visible)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function cssString(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
