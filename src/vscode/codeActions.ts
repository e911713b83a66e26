import * as vscode from 'vscode';
import { combineFixes, renderFix, suppressionFixes, type Finding, type Fix } from '../core';
import { ruleIdOf, toRange, toWorkspaceEdit } from './convert';
import type { Linter } from './linter';
import { uriOfKey } from './workspaceIndex';

export const SHOW_RULE_DOCUMENTATION = 'cpxLint.showRuleDocumentation';

/** The other files of the workspace, for fixes that edit them. */
export interface OtherFiles {
  location(fileName: string, start: number, end: number): vscode.Location;
  isCurrent(fileName: string): boolean;
}

/**
 * The same menu for every finding, as ESLint's: its fixes, "fix all" of that rule in the file,
 * the suppressions the file can hold, and the rule's documentation. Keyed on the diagnostic's
 * rule id and range, never on its message.
 */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly linter: Linter, private readonly otherFiles: OtherFiles) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.linter.resultFor(document);
    if (!result?.model) return [];
    const { model, findings } = result;
    const actions: vscode.CodeAction[] = [];
    const documented = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const finding = findings.find((candidate) =>
        candidate.ruleId === ruleId && toRange(document, candidate.start, candidate.end).isEqual(diagnostic.range));
      if (!finding) continue;
      for (const fix of finding.fixes) {
        // A fix into another file is offered only while its offsets match that file as it is now.
        if (fix.fileName === undefined || this.otherFiles.isCurrent(fix.fileName)) actions.push(this.action(document, titleOf(fix), fix, diagnostic, fix.preferred));
      }
      const fixAll = fixAllOf(findings, ruleId);
      if (fixAll) actions.push(this.action(document, `Fix all ${ruleId} problems in this file`, fixAll, diagnostic, false));
      for (const descriptor of suppressionFixes(model, finding)) {
        const fix = renderFix(model.source, descriptor);
        if (fix) actions.push(this.action(document, fix.title, fix, diagnostic, false));
      }
      if (!documented.has(ruleId)) {
        documented.add(ruleId);
        const docs = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
        docs.command = { title: docs.title, command: SHOW_RULE_DOCUMENTATION, arguments: [ruleId] };
        docs.diagnostics = [diagnostic];
        actions.push(docs);
      }
    }
    return actions;
  }

  private action(document: vscode.TextDocument, title: string, fix: Fix, diagnostic: vscode.Diagnostic, preferred: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    action.edit = toWorkspaceEdit(document, fix, (fileName, start, end) => this.otherFiles.location(fileName, start, end));
    return action;
  }
}

/** A fix that edits another file says which, since the editor will change a file that may not be open. */
function titleOf(fix: Fix): string {
  return fix.fileName === undefined ? fix.title : `${fix.title} (${vscode.workspace.asRelativePath(uriOfKey(fix.fileName))})`;
}

/** Every fixable finding of the rule in one edit of this file, when there is more than one. */
function fixAllOf(findings: readonly Finding[], ruleId: string): Fix | undefined {
  const fixes = findings.filter((finding) => finding.ruleId === ruleId)
    .flatMap((finding) => finding.fixes.find((fix) => fix.fileName === undefined) ?? []);
  return fixes.length > 1 ? { title: `Fix all ${ruleId}`, preferred: false, edits: combineFixes(fixes) } : undefined;
}
