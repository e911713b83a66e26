import * as vscode from 'vscode';
import type { WorkspaceLink } from '../core';
import { fileKey, type WorkspaceIndex } from './workspaceIndex';

/** The link (role ARN or `Fn::ImportValue` to its definition in another file) at an offset of the document. */
export function linkAt(index: WorkspaceIndex, document: vscode.TextDocument, offset: number): WorkspaceLink | undefined {
  const key = fileKey(document.uri);
  const workspace = index.workspaceOf(document.uri);
  // Offsets are only good for the text the index holds; the next lint catches up with typing.
  if (workspace?.text(key) !== document.getText()) return undefined;
  return workspace.linksOf(key).find((candidate) => candidate.node.start <= offset && offset <= candidate.node.end);
}

/** "Go to Definition" on a role ARN or an `Fn::ImportValue`: the role or export in the other file it was linked to. */
export class LinkDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] {
    const link = linkAt(this.index, document, document.offsetAt(position));
    if (!link) return [];
    const origin = new vscode.Range(document.positionAt(link.node.start), document.positionAt(link.node.end));
    return link.targets.map((target) => {
      const location = this.index.location(target.fileName, target.start, target.end);
      return { originSelectionRange: origin, targetUri: location.uri, targetRange: location.range };
    });
  }
}
