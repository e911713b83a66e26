import * as vscode from 'vscode';
import { fileKey, type WorkspaceIndex } from './workspaceIndex';

/** "Go to Definition" on a role ARN or an `Fn::ImportValue`: the role or export in the other file it was linked to. */
export class LinkDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] {
    const key = fileKey(document.uri);
    const workspace = this.index.workspaceOf(document.uri);
    // Offsets are only good for the text the index holds; the next lint catches up with typing.
    if (workspace?.text(key) !== document.getText()) return [];
    const offset = document.offsetAt(position);
    const link = workspace.linksOf(key).find((candidate) => candidate.node.start <= offset && offset <= candidate.node.end);
    if (!link) return [];
    const origin = new vscode.Range(document.positionAt(link.node.start), document.positionAt(link.node.end));
    return link.targets.map((target) => {
      const location = this.index.location(target.fileName, target.start, target.end);
      return { originSelectionRange: origin, targetUri: location.uri, targetRange: location.range };
    });
  }
}
