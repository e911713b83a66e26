import * as vscode from 'vscode';
import type { DocumentSummary } from '../core';
import type { LintedVersion } from './linter';

const KIND_LABEL: Record<DocumentSummary['kind'], string> = {
  template: 'CloudFormation template',
  'pipeline-output': 'get-pipeline output',
  'pipeline-input': 'pipeline definition',
  'action-fragment': 'pipeline action',
  'stage-fragment': 'pipeline stage',
  none: 'not a pipeline file',
};

/**
 * What the extension saw, for people who want to know: an output channel with one line per
 * change of what a file was recognised as, and a status bar item on pipeline files.
 * Only kinds, counts and account ids of the user's own files are written, never file contents.
 */
export class Report implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Cross-Account Pipeline Lint');
  private readonly status = vscode.window.createStatusBarItem('cpxLint.status', vscode.StatusBarAlignment.Right, 100);
  private readonly lastLine = new Map<string, string>();
  private readonly said = new Set<string>();

  constructor() {
    this.status.name = 'Cross-Account Pipeline Lint';
    this.status.command = 'cpxLint.showOutput';
  }

  log(line: string): void {
    this.channel.appendLine(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  }

  /** A problem worth saying once per session (an unreadable parameter file). */
  once(problem: string): void {
    if (this.said.has(problem)) return;
    this.said.add(problem);
    this.log(problem);
  }

  linted(document: vscode.TextDocument, summary: DocumentSummary, findings: number, durationMs: number): void {
    const accounts = summary.accounts.map((use) => `${use.account} (${use.roles.join(', ')})`).join('; ') || 'none';
    const line = `${vscode.workspace.asRelativePath(document.uri)}: ${KIND_LABEL[summary.kind]}, ${summary.pipelines} pipeline(s), ${summary.actions} action(s); pipeline account ${summary.pipelineAccount ?? 'unknown'}; role accounts: ${accounts}; ${findings} finding(s)`;
    const key = document.uri.toString();
    if (this.lastLine.get(key) !== line) {
      this.lastLine.set(key, line);
      this.log(`${line} (${durationMs} ms)`);
    }
  }

  /** The status bar item follows the active editor. */
  show(editor: vscode.TextEditor | undefined, result: LintedVersion | undefined): void {
    const model = result?.model;
    if (!editor || !model || model.kind === 'none') {
      this.status.hide();
      return;
    }
    const errors = result.findings.filter((finding) => finding.severity === 'error').length;
    this.status.text = `$(shield) ${KIND_LABEL[model.kind]}${errors > 0 ? ` · ${errors} cross-account error${errors === 1 ? '' : 's'}` : ''}`;
    this.status.tooltip = `Pipeline account: ${model.pipelineAccountId ?? 'unknown (set cpxLint.accounts["AWS::AccountId"])'}\nClick for the output channel.`;
    this.status.show();
  }

  dispose(): void {
    this.status.dispose();
    this.channel.dispose();
  }
}
