import * as vscode from 'vscode';
import { roleStackTargets, roleStackTemplate, type DocumentModel, type RoleStackTarget } from '../core';
import type { Linter } from './linter';
import { fileKey, type WorkspaceIndex } from './workspaceIndex';

export const CREATE_ROLE_STACK = 'cpxLint.createRoleStack';

/**
 * "Create the target-account role stack…" on an action whose roles no file of the folder
 * defines: a new template, saved where the user chooses, naming the roles exactly as the
 * pipeline's ARNs do, so the workspace links them as soon as it exists.
 */
export class RoleStackActions implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];
  private readonly command: vscode.Disposable;

  constructor(private readonly linter: Linter, private readonly index: WorkspaceIndex) {
    this.command = vscode.commands.registerCommand(CREATE_ROLE_STACK, (uri: unknown, which: unknown, destination: unknown) => this.create(uri, which, destination));
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return this.targets(document).flatMap(({ target }) => {
      const place = new vscode.Range(document.positionAt(target.start), document.positionAt(target.end));
      if (!place.intersection(range)) return [];
      const action = new vscode.CodeAction(`Create the target-account role stack (${target.suggestedFileName})…`, vscode.CodeActionKind.QuickFix);
      const which: StackChoice = { start: target.start, fileName: target.suggestedFileName };
      action.command = { title: action.title, command: CREATE_ROLE_STACK, arguments: [document.uri.toString(), which] };
      action.diagnostics = context.diagnostics.filter((diagnostic) => diagnostic.range.intersection(place));
      return [action];
    });
  }

  /** The targets of the document as last linted; none while a lint of its current text is pending. */
  private targets(document: vscode.TextDocument): { model: DocumentModel; target: RoleStackTarget }[] {
    const model = this.linter.resultFor(document)?.model;
    if (!model) return [];
    return roleStackTargets(model, this.index.workspaceOf(document.uri), fileKey(document.uri)).map((target) => ({ model, target }));
  }

  /** Writes the chosen stack to `destination` (a URI, never over an existing file) or where the save dialog says; returns the file's URI. */
  private async create(uri: unknown, which: unknown, destination: unknown): Promise<string | undefined> {
    const document = typeof uri === 'string' ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)) : vscode.window.activeTextEditor?.document;
    const targets = document ? this.targets(document) : [];
    // From a code action: that action's stack (an `Fn::If` role gives one per account at one place), or nothing if the file changed since; from the palette: the user picks.
    const chosen = isStackChoice(which)
      ? targets.find(({ target }) => target.start === which.start && target.suggestedFileName === which.fileName)
      : await pickStack(targets);
    if (!document || !chosen) {
      if (targets.length === 0 || isStackChoice(which)) void vscode.window.showInformationMessage('No cross-account CloudFormation action here names roles that are missing from the workspace.');
      return undefined;
    }
    const file = typeof destination === 'string' ? vscode.Uri.parse(destination) : await vscode.window.showSaveDialog({
      title: 'Save the target-account role stack',
      defaultUri: vscode.Uri.joinPath(folderOf(document) ?? document.uri, chosen.target.suggestedFileName),
      filters: { 'CloudFormation template': ['yaml', 'yml', 'json', 'template'] },
    });
    if (!file) return undefined;
    // The save dialog asked before replacing a file; a caller naming a file gets no such question, so nothing is replaced.
    if (typeof destination === 'string' && await exists(file)) {
      void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(file)} already exists; the role stack is only written to a new file.`);
      return undefined;
    }
    const text = roleStackTemplate(chosen.model, chosen.target, /\.json$/i.test(file.path) ? 'json' : 'yaml');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    // Opening it indexes it, which re-lints the pipeline that names its roles.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { viewColumn: vscode.ViewColumn.Beside, preview: false });
    return file.toString();
  }

  dispose(): void {
    this.command.dispose();
  }
}

/** Which stack a code action offered: the action's place and the stack's file name. */
interface StackChoice {
  readonly start: number;
  readonly fileName: string;
}

function isStackChoice(value: unknown): value is StackChoice {
  return typeof value === 'object' && value !== null && typeof (value as StackChoice).start === 'number' && typeof (value as StackChoice).fileName === 'string';
}

/** One entry per stack (the actions of one account share it); no question when there is one. */
async function pickStack<T extends { target: RoleStackTarget }>(targets: readonly T[]): Promise<T | undefined> {
  const stacks = [...new Map(targets.map((item) => [item.target.suggestedFileName, item])).values()];
  if (stacks.length <= 1) return stacks[0];
  const picked = await vscode.window.showQuickPick(stacks.map((item) => ({
    label: item.target.suggestedFileName,
    description: item.target.account ?? item.target.accountParameter,
    detail: `Roles: ${item.target.missing.join(', ')}`,
    item,
  })), { title: 'Which account\'s role stack?' });
  return picked?.item;
}

function folderOf(document: vscode.TextDocument): vscode.Uri | undefined {
  return document.uri.scheme === 'file' ? vscode.Uri.joinPath(document.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
