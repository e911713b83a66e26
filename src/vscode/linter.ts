import * as vscode from 'vscode';
import { lintText, type DocumentModel, type Finding } from '../core';
import { readSettings, SECTION } from './settings';
import { toDiagnostic } from './convert';

/** One document version's lint, kept so code actions and hovers never re-parse. */
export interface LintedVersion {
  readonly version: number;
  readonly model: DocumentModel | undefined;
  readonly findings: readonly Finding[];
}

const LANGUAGES = new Set(['yaml', 'json', 'jsonc', 'cloudformation', 'cfn-yaml']);

/**
 * Lints open documents as they change: debounced per document, and a result is only
 * shown if the document is still at the version it was computed for.
 */
export class Linter implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('cpx-lint');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, LintedVersion>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.subscriptions.push(
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((document) => this.lintNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
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
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const delay = readSettings(document.uri).debounceMs;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.lintNow(document);
    }, delay));
  }

  private lintNow(document: vscode.TextDocument): void {
    if (!LANGUAGES.has(document.languageId) || document.isClosed) return;
    const settings = readSettings(document.uri);
    const key = document.uri.toString();
    if (!settings.enable) {
      this.forget(document.uri);
      return;
    }
    const version = document.version;
    const { model, findings } = lintText(document.getText(), {
      fileName: document.fileName, parameterValues: settings.parameterValues, maxLength: settings.maxFileSize,
    });
    if (document.isClosed || document.version !== version) return;
    this.results.set(key, { version, model, findings });
    this.diagnostics.set(document.uri, findings.map((finding) => toDiagnostic(document, finding, this.extensionUri)));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
