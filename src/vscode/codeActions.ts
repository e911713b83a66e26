import * as vscode from 'vscode';
import { ruleIdOf, toRange, toWorkspaceEdit } from './convert';
import type { Linter } from './linter';

/** Quick fixes keyed on the diagnostic's rule id and range, never on its message. */
export class FixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly linter: Linter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const findings = this.linter.resultFor(document)?.findings ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) continue;
      const finding = findings.find((candidate) =>
        candidate.ruleId === ruleId && toRange(document, candidate.start, candidate.end).isEqual(diagnostic.range));
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        action.edit = toWorkspaceEdit(document, fix);
        actions.push(action);
      }
    }
    return actions;
  }
}
