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

/** Converts a place in another file of the workspace, whose offsets need that file's text. */
export type OtherFileLocator = (fileName: string, start: number, end: number) => vscode.Location;

/** The only place findings become positions: offsets are converted by the document itself, or by the text of the other file. */
export function toDiagnostic(document: vscode.TextDocument, finding: Finding, extensionUri: vscode.Uri, locate: OtherFileLocator): vscode.Diagnostic {
  const range = toRange(document, finding.start, finding.end);
  const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocUri(extensionUri, finding.ruleId) };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((item) => new vscode.DiagnosticRelatedInformation(
      item.fileName === undefined ? new vscode.Location(document.uri, toRange(document, item.start, item.end)) : locate(item.fileName, item.start, item.end), item.message,
    ));
  }
  return diagnostic;
}

export function toRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}

/** A fix's edits: in the document, or in the other file of the workspace it names (a role's template). */
export function toWorkspaceEdit(document: vscode.TextDocument, fix: Fix, locate: OtherFileLocator): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of fix.edits) {
    const location = fix.fileName === undefined
      ? new vscode.Location(document.uri, toRange(document, change.start, change.end))
      : locate(fix.fileName, change.start, change.end);
    edit.replace(location.uri, location.range, change.newText);
  }
  return edit;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  const value = typeof code === 'object' ? code.value : code;
  return diagnostic.source === SOURCE && value !== undefined ? String(value) : undefined;
}
