import * as vscode from 'vscode';
import { ruleDocPath, type Finding, type Fix, type Severity } from '../core';

export const SOURCE = 'cpx-lint';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function ruleDocUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ...ruleDocPath(ruleId).split('/'));
}

/** The only place findings become positions: offsets are converted by the document itself. */
export function toDiagnostic(document: vscode.TextDocument, finding: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const range = toRange(document, finding.start, finding.end);
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocUri(extensionUri, finding.ruleId) };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((item) => new vscode.DiagnosticRelatedInformation(
      item.fileName === undefined ? new vscode.Location(document.uri, toRange(document, item.start, item.end)) : otherFile(item.fileName, item.start, item.end), item.message,
    ));
  }
  return diagnostic;
}

/** A place in another file: its offsets need that file's text, so an unopened file is pointed at as a whole. */
function otherFile(fileName: string, start: number, end: number): vscode.Location {
  const uri = /^([a-zA-Z]:)?[\\/]/.test(fileName) ? vscode.Uri.file(fileName) : vscode.Uri.parse(fileName);
  const open = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri.toString());
  return new vscode.Location(uri, open ? toRange(open, start, end) : new vscode.Position(0, 0));
}

export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

export function toWorkspaceEdit(document: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) edit.replace(document.uri, toRange(document, change.start, change.end), change.newText);
  return edit;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  const value = typeof code === 'object' ? code.value : code;
  return diagnostic.source === SOURCE && value !== undefined ? String(value) : undefined;
}
