import * as vscode from 'vscode';
import { summarise, type DocumentModel, type Finding } from '../core';
import { readSettings, SECTION, type Settings } from './settings';
import { toDiagnostic } from './convert';
import type { Report } from './report';
import { uriOfKey, type WorkspaceIndex } from './workspaceIndex';

/** One document version's lint, kept so code actions and hovers never re-parse. */
export interface LintedVersion {
  readonly version: number;
  readonly model: DocumentModel | undefined;
  readonly findings: readonly Finding[];
  readonly settings: Settings;
}

const LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'cloudformation', 'cfn-yaml']);
/** However slow a lint was, the next one waits at most this long after the last keystroke. */
const MAX_ADAPTIVE_DELAY_MS = 1000;
/** Another file changed: its dependents are re-linted together a moment later, whatever their own run mode. */
const DEPENDENT_DELAY_MS = 50;

/**
 * Lints open documents as they change: debounced per document (longer for files that are slow
 * to lint, so a large file never makes typing wait), and a result is only shown if the
 * document is still at the version it was computed for. Each lint sees the whole workspace
 * folder through the index; an edit re-lints the open files that depend on the edited one.
 */
export class Linter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('cpx-lint');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, LintedVersion>();
  private readonly durations = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document's results changed. */
  readonly onDidLint = this.changeEmitter.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly report: Report, private readonly index: WorkspaceIndex) {
    this.subscriptions.push(
      index.onDidChangeDependents((keys) => this.scheduleDependents(keys)),
      this.diagnostics,
      this.changeEmitter,
      vscode.workspace.onDidOpenTextDocument((document) => this.lintNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (readSettings(document.uri).run === 'onSave') this.lintNow(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.forget(document.uri);
        void index.closed(document);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SECTION)) this.lintAll();
      }),
    );
    this.lintAll();
  }

  /** The lint behind the current diagnostics, if it is for the document's current version. */
  resultFor(document: vscode.TextDocument): LintedVersion | undefined {
    const result = this.results.get(document.uri.toString());
    return result && result.version === document.version ? result : undefined;
  }

  lintAll(): void {
    for (const document of vscode.workspace.textDocuments) this.lintNow(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!LANGUAGES.has(document.languageId)) return;
    const settings = readSettings(document.uri);
    if (settings.run !== 'onType') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const delay = Math.max(settings.debounceMs, Math.min(this.durations.get(key) ?? 0, MAX_ADAPTIVE_DELAY_MS));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.lintNow(document);
    }, delay));
  }

  private scheduleDependents(keys: readonly string[]): void {
    for (const key of keys) {
      const uri = uriOfKey(key).toString();
      const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
      if (!document || !LANGUAGES.has(document.languageId)) continue;
      // A pending keystroke lint of the document will see the change anyway.
      if (this.timers.has(uri)) continue;
      this.timers.set(uri, setTimeout(() => {
        this.timers.delete(uri);
        this.lintNow(document);
      }, DEPENDENT_DELAY_MS));
    }
  }

  private lintNow(document: vscode.TextDocument): void {
    if (!LANGUAGES.has(document.languageId) || document.isClosed) return;
    const settings = readSettings(document.uri);
    const key = document.uri.toString();
    if (!settings.enable) {
      this.forget(document.uri);
      return;
    }
    for (const problem of settings.problems) this.report.once(problem);
    const version = document.version;
    const started = Date.now();
    const { result: { model, findings }, dependents } = this.index.lint(document, settings);
    const duration = Date.now() - started;
    this.scheduleDependents(dependents);
    this.durations.set(key, duration);
    if (document.isClosed || document.version !== version) return;
    this.results.set(key, { version, model, findings, settings });
    this.diagnostics.set(document.uri, findings.map((finding) => toDiagnostic(document, finding, this.extensionUri, (fileName, start, end) => this.index.location(fileName, start, end))));
    if (model && model.kind !== 'none') this.report.linted(document, summarise(model), findings.length, duration);
    this.changeEmitter.fire(document);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.durations.delete(key);
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
