import * as vscode from 'vscode';
import { LineIndex, RULES, scanInto, Workspace, type LintResult } from '../core';
import { readSettings, type Settings } from './settings';
import type { Report } from './report';

/** What the index reads: templates and pipeline JSON. */
const INCLUDE = '**/*.{yaml,yml,json,template}';
/** Dependencies and build output hold many JSON/YAML files and never the pipeline's own. */
const ALWAYS_EXCLUDED = ['node_modules', '.git', 'cdk.out', '.aws-sam'];
/** The first scan of a folder stops here (and says so): beyond it the files are data, not infrastructure. */
export const MAX_INDEXED_FILES = 20_000;

const REINDEX = 'Re-index';

/** How the core names a document: its path on disk, or its URI when it has none. */
export function fileKey(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function uriOfKey(key: string): vscode.Uri {
  return /^([a-zA-Z]:)?[\\/]/.test(key) ? vscode.Uri.file(key) : vscode.Uri.parse(key);
}

export interface ScanResult {
  readonly files: number;
  readonly cancelled: boolean;
  readonly truncated: boolean;
  readonly durationMs: number;
}

interface Space {
  readonly workspace: Workspace;
  /** The settings it was built with: a role's account depends on them, so a change rebuilds the space. */
  readonly fingerprint: string;
}

/**
 * One `Workspace` per workspace folder (settings are per folder), holding every template and
 * pipeline file of it: open documents as they are in the editor, the others as on disk,
 * followed by a file watcher. Files outside any folder share one space of open documents.
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly spaces = new Map<string, Space>();
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly dependentsEmitter = new vscode.EventEmitter<readonly string[]>();
  private readonly cancellation = new vscode.CancellationTokenSource();
  /** Fires with the keys of files whose findings may have changed because another file did. */
  readonly onDidChangeDependents = this.dependentsEmitter.event;

  constructor(private readonly report: Report) {
    this.subscriptions.push(this.dependentsEmitter, this.cancellation);
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.watch(folder);
    this.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const folder of event.removed) this.spaces.delete(folder.uri.toString());
      for (const folder of event.added) {
        this.watch(folder);
        void this.scan([folder]);
      }
    }), vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cpxLint.indexWorkspace')) void this.scan();
    }));
  }

  /** Reads every matching file of the folders, with a cancellable progress notification. */
  scan(folders: readonly vscode.WorkspaceFolder[] = vscode.workspace.workspaceFolders ?? []): Thenable<ScanResult> {
    return vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: 'Cross-Account Pipeline Lint: indexing templates',
      cancellable: true,
    }, async (progress, token) => {
      const started = Date.now();
      const cancelled = (): boolean => token.isCancellationRequested || this.cancellation.token.isCancellationRequested;
      let files = 0;
      let total = 0;
      let truncated = false;
      for (const folder of folders) {
        const settings = readSettings(folder.uri);
        if (!settings.indexWorkspace) continue;
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, INCLUDE), excludeGlob(), MAX_INDEXED_FILES + 1, token);
        truncated ||= found.length > MAX_INDEXED_FILES;
        const uris = found.slice(0, MAX_INDEXED_FILES).filter((uri) => !isExcluded(uri));
        total += uris.length;
        const space = this.space(folder.uri, settings);
        let reported = 0;
        const outcome = await scanInto(space.workspace, uris.map((uri) => ({ fileName: fileKey(uri), read: () => readIfSmall(uri, settings.maxFileSize) })), {
          isCancelled: cancelled,
          // An open document is in the index as the editor has it.
          skip: (fileName) => openDocument(uriOfKey(fileName)) !== undefined,
          onProgress: (done, total) => {
            // Increments add up to 100 over all folders.
            const percent = (done / total) * 100 / folders.length;
            progress.report({ message: `${done} of ${total} files`, increment: percent - reported });
            reported = percent;
          },
        });
        files += outcome.read;
      }
      const result = { files, cancelled: cancelled(), truncated, durationMs: Date.now() - started };
      this.report.log(`Indexed ${files} file(s) in ${result.durationMs} ms${result.cancelled ? '; cancelled, so checks across files see only those' : ''}${truncated ? `; stopped at ${MAX_INDEXED_FILES} files` : ''}.`);
      // Every open file may now link to files it could not see before.
      this.dependentsEmitter.fire(vscode.workspace.textDocuments.map((document) => fileKey(document.uri)));
      if (token.isCancellationRequested) void this.offerRescan(files, total);
      return result;
    });
  }

  /** Cancelling leaves cross-file checks half-blind: say so, and offer to finish. */
  private async offerRescan(files: number, total: number): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      `Cross-Account Pipeline Lint read ${files} of ${total} files before indexing was cancelled; checks across files see only those.`,
      REINDEX,
    );
    if (choice === REINDEX) await this.scan();
  }

  /** Puts the document's current text in its space and lints it there; also returns the other files it may change. */
  lint(document: vscode.TextDocument, settings: Settings): { result: LintResult; dependents: readonly string[] } {
    const key = fileKey(document.uri);
    const { workspace } = this.space(document.uri, settings);
    const dependents = workspace.set(key, document.getText());
    return { result: workspace.lint(key), dependents };
  }

  /** A closed document is the file on disk again, or gone when it has no file. */
  async closed(document: vscode.TextDocument): Promise<void> {
    const key = fileKey(document.uri);
    const space = this.spaces.get(spaceKey(document.uri));
    if (!space) return;
    if (document.uri.scheme !== 'file' || isExcluded(document.uri) || !readSettings(document.uri).indexWorkspace) {
      this.dependentsEmitter.fire(space.workspace.delete(key));
      return;
    }
    await this.reload(document.uri);
  }

  /** A place in an indexed file, converted with the text its offsets point into. */
  location(key: string, start: number, end: number): vscode.Location {
    const uri = uriOfKey(key);
    const open = openDocument(uri);
    if (open) return new vscode.Location(uri, new vscode.Range(open.positionAt(start), open.positionAt(end)));
    const index = this.lineIndex(key);
    if (!index) return new vscode.Location(uri, new vscode.Position(0, 0));
    const from = index.position(start);
    const to = index.position(end);
    return new vscode.Location(uri, new vscode.Range(from.line, from.character, to.line, to.character));
  }

  /** The workspace a document is linted in, for features that look across files. */
  workspaceOf(uri: vscode.Uri): Workspace | undefined {
    return this.spaces.get(spaceKey(uri))?.workspace;
  }

  private lineIndex(key: string): LineIndex | undefined {
    const text = this.textOf(key);
    if (text === undefined) return undefined;
    const cached = this.lineIndexes.get(key);
    if (cached?.text === text) return cached.index;
    const index = new LineIndex(text);
    this.lineIndexes.set(key, { text, index });
    return index;
  }

  private textOf(key: string): string | undefined {
    for (const space of this.spaces.values()) {
      const text = space.workspace.text(key);
      if (text !== undefined) return text;
    }
    return undefined;
  }

  private watch(folder: vscode.WorkspaceFolder): void {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, INCLUDE));
    const changed = (uri: vscode.Uri): void => {
      // A document with unsaved changes is indexed as the editor has it; otherwise the disk and the editor agree.
      if (!isExcluded(uri) && !openDocument(uri)?.isDirty && readSettings(uri).indexWorkspace) void this.reload(uri);
    };
    this.subscriptions.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete((uri) => {
      const space = this.spaces.get(spaceKey(uri));
      // Unsaved changes still hold the file's content; a saved document of a deleted file is gone.
      if (space && !openDocument(uri)?.isDirty) this.dependentsEmitter.fire(space.workspace.delete(fileKey(uri)));
    }));
  }

  private async reload(uri: vscode.Uri): Promise<void> {
    const settings = readSettings(uri);
    const text = await readIfSmall(uri, settings.maxFileSize);
    if (openDocument(uri)?.isDirty) return;
    const { workspace } = this.space(uri, settings);
    this.dependentsEmitter.fire(text === undefined ? workspace.delete(fileKey(uri)) : workspace.set(fileKey(uri), text));
  }

  /** The space of the folder holding `uri`, rebuilt from its texts when the settings it depends on changed. */
  private space(uri: vscode.Uri, settings: Settings): Space {
    const key = spaceKey(uri);
    const fingerprint = JSON.stringify([[...settings.parameterValues], [...settings.severityOverrides], settings.maxFileSize, settings.indexWorkspace]);
    const existing = this.spaces.get(key);
    if (existing?.fingerprint === fingerprint) return existing;
    const workspace = new Workspace({
      rules: RULES,
      parameterValues: settings.parameterValues,
      maxLength: settings.maxFileSize,
      severityOverrides: settings.severityOverrides,
    });
    for (const fileName of existing?.workspace.fileNames ?? []) {
      // Without indexing, only what is open stays (a scan brings the rest back when it is turned on).
      if (settings.indexWorkspace || openDocument(uriOfKey(fileName))) workspace.set(fileName, existing?.workspace.text(fileName) ?? '');
    }
    const space = { workspace, fingerprint };
    this.spaces.set(key, space);
    return space;
  }

  dispose(): void {
    this.cancellation.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function spaceKey(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

function isExcluded(uri: vscode.Uri): boolean {
  return uri.path.split('/').some((segment) => ALWAYS_EXCLUDED.includes(segment));
}

/** Ours, plus the user's `files.exclude` (a custom exclude replaces it, so it is merged in). */
function excludeGlob(): string {
  const userExcludes = Object.entries(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude') ?? {})
    // Conditional excludes (`{when: …}`) and nested braces cannot be merged into one glob.
    .filter(([pattern, enabled]) => enabled === true && !/[{}]/.test(pattern))
    .map(([pattern]) => pattern);
  return `{${[...ALWAYS_EXCLUDED.map((folder) => `**/${folder}/**`), ...userExcludes].join(',')}}`;
}

/** The file's text, unless it is larger than files are linted (CPX-F01 says so when it is opened) or unreadable. */
async function readIfSmall(uri: vscode.Uri, maxCharacters: number): Promise<string | undefined> {
  try {
    // A character is at least one byte, so a file within the limit in characters may be up to 4 bytes each.
    if ((await vscode.workspace.fs.stat(uri)).size > maxCharacters * 4) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
