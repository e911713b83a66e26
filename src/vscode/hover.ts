import * as vscode from 'vscode';
import { hoverAt } from '../core';
import { toRange } from './convert';
import { linkAt } from './definitions';
import type { Linter } from './linter';
import type { WorkspaceIndex } from './workspaceIndex';

/** Hover on a role field: which role it is, its account, what must hold, and the files that define it (one per `Fn::If` branch). */
export class RoleHoverProvider implements vscode.HoverProvider {
  constructor(private readonly linter: Linter, private readonly index: WorkspaceIndex) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const result = this.linter.resultFor(document);
    if (!result?.model) return undefined;
    const offset = document.offsetAt(position);
    const info = hoverAt(result.model, offset, result.findings, result.settings.accountNames);
    if (!info) return undefined;
    const markdown = new vscode.MarkdownString(info.markdown);
    const link = linkAt(this.index, document, offset);
    if (link) {
      const places = link.targets.map((target) => {
        const { uri, range } = this.index.location(target.fileName, target.start, target.end);
        const line = range.start.line + 1;
        return `[${vscode.workspace.asRelativePath(uri)}:${line}](${uri.with({ fragment: `L${line}` }).toString()})`;
      });
      markdown.appendMarkdown(`\n\nDefined in ${places.join(', ')}.`);
    }
    return new vscode.Hover(markdown, toRange(document, info.start, info.end));
  }
}
