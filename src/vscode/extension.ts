import * as vscode from 'vscode';
import { AccountMapLenses, AccountMaps } from './accountMap';
import { FixProvider, SHOW_RULE_DOCUMENTATION } from './codeActions';
import { ruleDocUri } from './convert';
import { DeployedPipelines, SCHEME as DEPLOYED_SCHEME } from './deployed';
import { LinkDefinitionProvider } from './definitions';
import { RoleHoverProvider } from './hover';
import { Linter } from './linter';
import { Report } from './report';
import { RoleStackActions } from './roleStack';
import { WorkspaceIndex } from './workspaceIndex';

const SELECTOR: vscode.DocumentSelector = ['file', 'untitled', DEPLOYED_SCHEME].flatMap((scheme) =>
  ['yaml', 'json', 'jsonc'].map((language) => ({ scheme, language })));

/** Wires the editor to the core; everything else lives in the adapters. */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const report = new Report();
  const index = new WorkspaceIndex(report);
  const linter = new Linter(context.extensionUri, report, index);
  const showStatus = (): void => {
    const editor = vscode.window.activeTextEditor;
    report.show(editor, editor ? linter.resultFor(editor.document) : undefined);
  };
  const mapLenses = new AccountMapLenses(linter);
  const roleStacks = new RoleStackActions(linter, index);
  context.subscriptions.push(
    report,
    index,
    linter,
    vscode.commands.registerCommand('cpxLint.reindex', () => index.scan()),
    new DeployedPipelines(report),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FixProvider(linter, index), {
      providedCodeActionKinds: FixProvider.kinds,
    }),
    vscode.languages.registerHoverProvider(SELECTOR, new RoleHoverProvider(linter, index)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new LinkDefinitionProvider(index)),
    roleStacks,
    vscode.languages.registerCodeActionsProvider(SELECTOR, roleStacks, { providedCodeActionKinds: RoleStackActions.kinds }),
    new AccountMaps(context.extensionUri, linter),
    mapLenses,
    vscode.languages.registerCodeLensProvider(SELECTOR, mapLenses),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, (ruleId: unknown) => {
      if (typeof ruleId !== 'string' || !/^CPX-[A-Z]\d{2}$/.test(ruleId)) return;
      return vscode.commands.executeCommand('markdown.showPreview', ruleDocUri(context.extensionUri, ruleId));
    }),
    vscode.commands.registerCommand('cpxLint.showOutput', () => report.channel.show(true)),
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    linter.onDidLint((document) => {
      if (vscode.window.activeTextEditor?.document === document) showStatus();
    }),
  );
  showStatus();
  report.log(`Activated in ${Date.now() - started} ms.`);
  void index.scan();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
