import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { LineIndex, RULES, scanInto, Workspace, type LintResult } from '../core';
import { readSettings, type Settings } from './settings';
import type { Report } from './report';

/** What the index reads: templates and pipeline JSON. */
const INCLUDE = '**/*.{yaml,yml,json,template}';
const INCLUDED_EXTENSION = /\.(ya?ml|json|template)$/i;
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
 * followed by file watchers. Files outside any folder share one space of open documents.
 */
export class WorkspaceIndex implements vscode.Disposable {
  private readonly spaces = new Map<string, Space>();
  private readonly watchers = new Map<string, vscode.Disposable[]>();
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();
  /** Bumped by every read or deletion of a file: a read that finishes after a newer event is dropped. */
  private readonly generations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly dependentsEmitter = new vscode.EventEmitter<readonly string[]>();
  private readonly cancellation = new vscode.CancellationTokenSource();
  /** Fires with the keys of files whose findings may have changed because another file did. */
  readonly onDidChangeDependents = this.dependentsEmitter.event;

  constructor(private readonly report: Report) {
    this.subscriptions.push(this.dependentsEmitter, this.cancellation);
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.watch(folder);
    this.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const folder of event.removed) {
        const key = folder.uri.toString();
        this.spaces.delete(key);
        for (const watcher of this.watchers.get(key) ?? []) watcher.dispose();
        this.watchers.delete(key);
      }
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
        if (!readSettings(folder.uri).indexWorkspace) continue;
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, INCLUDE), excludeGlob(), MAX_INDEXED_FILES + 1, token);
        truncated ||= found.length > MAX_INDEXED_FILES;
        const uris = found.slice(0, MAX_INDEXED_FILES).filter((uri) => isInFolder(uri, folder));
        total += uris.length;
        if (!truncated) this.forgetMissing(folder, uris);
        let reported = 0;
        files += await this.load(folder, uris, cancelled, (done, count) => {
          // Increments add up to 100 over all folders.
          const percent = (done / count) * 100 / folders.length;
          progress.report({ message: `${done} of ${count} files`, increment: percent - reported });
          reported = percent;
        });
      }
      const result = { files, cancelled: cancelled(), truncated, durationMs: Date.now() - started };
      this.report.log(`Indexed ${files} file(s) in ${result.durationMs} ms${result.cancelled ? '; cancelled, so checks across files see only those' : ''}${truncated ? `; stopped at ${MAX_INDEXED_FILES} files` : ''}.`);
      // Every open file may now link to files it could not see before.
      this.dependentsEmitter.fire(vscode.workspace.textDocuments.map((document) => fileKey(document.uri)));
      if (token.isCancellationRequested) void this.offerRescan(files, total);
      return result;
    });
  }

  /** Puts the document's current text in its space and lints it there; also returns the other files it may change. */
  lint(document: vscode.TextDocument, settings: Settings): { result: LintResult; dependents: readonly string[] } {
    const key = fileKey(document.uri);
    const { workspace } = this.space(document.uri, settings);
    const dependents = workspace.set(key, document.getText());
    const result = workspace.lint(key, settings.severityOverrides);
    // VS Code keeps documents a while after their editor closed: a saved one whose file was deleted is not part of the workspace any more.
    if (document.uri.scheme === 'file' && !document.isDirty && !existsSync(document.uri.fsPath)) {
      return { result, dependents: [...new Set([...dependents, ...workspace.delete(key)])] };
    }
    return { result, dependents };
  }

  /** A closed document is the file on disk again when the index follows that file; otherwise it leaves the index. */
  async closed(document: vscode.TextDocument): Promise<void> {
    const space = this.spaces.get(spaceKey(document.uri));
    if (!space) return;
    if (this.follows(document.uri)) await this.reload(document.uri);
    else this.dependentsEmitter.fire(space.workspace.delete(fileKey(document.uri)));
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

  /**
   * Whether offsets into the indexed text of a file are good for the file as it is now: an open
   * buffer typed into since its last lint (or never linted) would put an edit in the wrong place.
   */
  isCurrent(key: string): boolean {
    const indexed = this.textOf(key);
    if (indexed === undefined) return false;
    const uri = uriOfKey(key);
    const open = openDocument(uri);
    if (open) return open.getText() === indexed;
    // A change the watcher missed (a full inotify table, a network drive) must not move the edit.
    try {
      return uri.scheme !== 'file' || readFileSync(uri.fsPath, 'utf8') === indexed;
    } catch {
      return false;
    }
  }

  /** The workspace a document is linted in, for features that look across files. */
  workspaceOf(uri: vscode.Uri): Workspace | undefined {
    return this.spaces.get(spaceKey(uri))?.workspace;
  }

  /** Cancelling leaves cross-file checks half-blind: say so, and offer to finish. */
  private async offerRescan(files: number, total: number): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      `Cross-Account Pipeline Lint read ${files} of ${total} files before indexing was cancelled; checks across files see only those.`,
      REINDEX,
    );
    if (choice === REINDEX) await this.scan();
  }

  /** Reads files of a folder into its space; returns how many were read. */
  private async load(folder: vscode.WorkspaceFolder, uris: readonly vscode.Uri[], isCancelled: () => boolean, onProgress?: (done: number, total: number) => void): Promise<number> {
    const wanted = uris.filter((uri) => !isExcluded(uri));
    const before = new Map(this.generations);
    const { maxFileSize } = readSettings(folder.uri);
    const outcome = await scanInto(
      // Looked up per batch: a settings change during the scan rebuilds the space.
      () => this.space(folder.uri, readSettings(folder.uri)).workspace,
      wanted.map((uri) => ({ fileName: fileKey(uri), read: () => readIfSmall(uri, maxFileSize) })),
      {
        // A folder removed from the workspace meanwhile has no space to fill.
        isCancelled: () => isCancelled() || !isWorkspaceFolder(folder),
        onProgress,
        // Unsaved changes are in the index as the editor has them; a saved buffer and the disk agree.
        // A file the watcher reported on meanwhile is newer than what this scan read.
        skip: (fileName) => openDocument(uriOfKey(fileName))?.isDirty === true || this.generations.get(fileName) !== before.get(fileName),
      },
    );
    return outcome.read;
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

  /** Files in a folder, and folders created, changed or deleted there (a folder's own event says nothing of its files). */
  private watch(folder: vscode.WorkspaceFolder): void {
    const files = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, INCLUDE));
    const everything = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), false, true, false);
    const changed = (uri: vscode.Uri): void => {
      if (this.follows(uri) && !openDocument(uri)?.isDirty) void this.reload(uri);
    };
    this.watchers.set(folder.uri.toString(), [
      files, everything,
      files.onDidCreate(changed),
      files.onDidChange(changed),
      everything.onDidCreate((uri) => void this.folderCreated(folder, uri)),
      everything.onDidDelete((uri) => this.deleted(uri)),
    ]);
  }

  /** A folder created, or renamed into place: its files arrive without events of their own. */
  private async folderCreated(folder: vscode.WorkspaceFolder, uri: vscode.Uri): Promise<void> {
    if (isExcluded(uri) || !readSettings(folder.uri).indexWorkspace || !(await isDirectory(uri))) return;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, INCLUDE), excludeGlob(), MAX_INDEXED_FILES);
    await this.load(folder, uris.filter((found) => isInFolder(found, folder)), () => this.cancellation.token.isCancellationRequested);
    this.dependentsEmitter.fire(vscode.workspace.textDocuments.map((document) => fileKey(document.uri)));
  }

  /** A file or a whole folder deleted (or renamed away): everything indexed under it goes, unless unsaved changes still hold it. */
  private deleted(uri: vscode.Uri): void {
    const space = this.spaces.get(spaceKey(uri));
    if (!space) return;
    const key = fileKey(uri);
    const separator = uri.scheme === 'file' && key.includes('\\') ? '\\' : '/';
    const dependents = new Set<string>();
    for (const fileName of space.workspace.fileNames) {
      if ((fileName === key || fileName.startsWith(key + separator)) && !openDocument(uriOfKey(fileName))?.isDirty) {
        this.bump(fileName);
        this.lineIndexes.delete(fileName);
        for (const dependent of space.workspace.delete(fileName)) dependents.add(dependent);
      }
    }
    if (dependents.size > 0) this.dependentsEmitter.fire([...dependents]);
  }

  /** Files indexed in a folder that a full scan no longer finds (deleted while no event came), unless open. */
  private forgetMissing(folder: vscode.WorkspaceFolder, found: readonly vscode.Uri[]): void {
    const workspace = this.spaces.get(folder.uri.toString())?.workspace;
    if (!workspace) return;
    const present = new Set(found.map(fileKey));
    const dependents = new Set<string>();
    for (const fileName of workspace.fileNames) {
      if (present.has(fileName) || openDocument(uriOfKey(fileName))) continue;
      this.bump(fileName);
      this.lineIndexes.delete(fileName);
      for (const dependent of workspace.delete(fileName)) dependents.add(dependent);
    }
    if (dependents.size > 0) this.dependentsEmitter.fire([...dependents]);
  }

  /** Whether the index follows this file on disk: a template or pipeline file inside a folder it reads. */
  private follows(uri: vscode.Uri): boolean {
    return vscode.workspace.getWorkspaceFolder(uri) !== undefined && INCLUDED_EXTENSION.test(uri.path) && !isExcluded(uri) && readSettings(uri).indexWorkspace;
  }

  private async reload(uri: vscode.Uri): Promise<void> {
    const settings = readSettings(uri);
    const generation = this.bump(fileKey(uri));
    const text = await readIfSmall(uri, settings.maxFileSize);
    if (openDocument(uri)?.isDirty || this.generations.get(fileKey(uri)) !== generation || !vscode.workspace.getWorkspaceFolder(uri)) return;
    const { workspace } = this.space(uri, settings);
    this.dependentsEmitter.fire(text === undefined ? workspace.delete(fileKey(uri)) : workspace.set(fileKey(uri), text));
  }

  private bump(key: string): number {
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    return generation;
  }

  /** The space of the folder holding `uri`, rebuilt from its texts when the settings it depends on changed. */
  private space(uri: vscode.Uri, settings: Settings): Space {
    const key = spaceKey(uri);
    // Severities are applied per lint: changing one rebuilds nothing.
    const fingerprint = JSON.stringify([[...settings.parameterValues], settings.maxFileSize, settings.indexWorkspace]);
    const existing = this.spaces.get(key);
    if (existing?.fingerprint === fingerprint) return existing;
    const workspace = new Workspace({ rules: RULES, parameterValues: settings.parameterValues, maxLength: settings.maxFileSize });
    for (const fileName of existing?.workspace.fileNames ?? []) {
      // Without indexing, only what is open stays (a scan brings the rest back when it is turned on).
      if (settings.indexWorkspace || openDocument(uriOfKey(fileName))) workspace.load(fileName, existing?.workspace.text(fileName) ?? '');
    }
    const space = { workspace, fingerprint };
    this.spaces.set(key, space);
    return space;
  }

  dispose(): void {
    this.cancellation.cancel();
    for (const watchers of this.watchers.values()) for (const watcher of watchers) watcher.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

function spaceKey(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
}

function isWorkspaceFolder(folder: vscode.WorkspaceFolder): boolean {
  return (vscode.workspace.workspaceFolders ?? []).some((candidate) => candidate.uri.toString() === folder.uri.toString());
}

/** In this folder and not in a folder nested in it, which has a space of its own. */
function isInFolder(uri: vscode.Uri, folder: vscode.WorkspaceFolder): boolean {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() === folder.uri.toString();
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

async function isDirectory(uri: vscode.Uri): Promise<boolean> {
  try {
    return uri.scheme === 'file' ? (await stat(uri.fsPath)).isDirectory() : ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

/** The file's text, unless it is larger than files are linted (CPX-F01 says so when it is opened) or unreadable. */
async function readIfSmall(uri: vscode.Uri, maxCharacters: number): Promise<string | undefined> {
  // A character is at least one byte, so a file within the limit in characters may be up to 4 bytes each.
  const limit = maxCharacters * 4;
  try {
    // Files on this machine are read directly: through the workbench's file service each read is a round trip to the UI.
    if (uri.scheme === 'file') {
      if ((await stat(uri.fsPath)).size > limit) return undefined;
      return await readFile(uri.fsPath, 'utf8');
    }
    if ((await vscode.workspace.fs.stat(uri)).size > limit) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
