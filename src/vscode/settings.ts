import * as vscode from 'vscode';

export const SECTION = 'cpxLint';

export interface Settings {
  readonly enable: boolean;
  readonly parameterValues: ReadonlyMap<string, string>;
  readonly maxFileSize: number;
  readonly debounceMs: number;
}

/** Settings are read per document (`scope: resource`), so each folder can name its own accounts. */
export function readSettings(scope: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const accounts = config.get<Record<string, unknown>>('accounts') ?? {};
  const parameterValues = new Map<string, string>();
  for (const [name, value] of Object.entries(accounts)) {
    if (typeof value === 'string' || typeof value === 'number') parameterValues.set(name, String(value));
  }
  return {
    enable: config.get<boolean>('enable') ?? true,
    parameterValues,
    maxFileSize: config.get<number>('maxFileSize') ?? 4194304,
    debounceMs: config.get<number>('debounceMs') ?? 150,
  };
}
