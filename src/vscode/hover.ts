import * as vscode from 'vscode';
import { hoverAt } from '../core';
import { toRange } from './convert';
import type { Linter } from './linter';

/** Hover on a role field: which role it is, its account, and what must hold. */
export class RoleHoverProvider implements vscode.HoverProvider {
  constructor(private readonly linter: Linter) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.linter.resultFor(document);
    if (!result?.model) return undefined;
    const info = hoverAt(result.model, document.offsetAt(position), result.findings, result.settings.accountNames);
    return info ? new vscode.Hover(new vscode.MarkdownString(info.markdown), toRange(document, info.start, info.end)) : undefined;
  }
}
