import * as vscode from 'vscode';
import { FixProvider } from './codeActions';
import { RoleHoverProvider } from './hover';
import { Linter } from './linter';

const SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml' }, { language: 'json' }, { language: 'jsonc' },
];

/** Wires the editor to the core; everything else lives in the adapters. */
export function activate(context: vscode.ExtensionContext): void {
  const linter = new Linter(context.extensionUri);
  context.subscriptions.push(
    linter,
    vscode.languages.registerCodeActionsProvider(SELECTOR, new FixProvider(linter), {
      providedCodeActionKinds: FixProvider.kinds,
    }),
    vscode.languages.registerHoverProvider(SELECTOR, new RoleHoverProvider(linter)),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
