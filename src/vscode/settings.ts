import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseParameterFile, type SeverityOverride } from '../core';

export const SECTION = 'cpxLint';

export interface Settings {
  readonly enable: boolean;
  readonly run: 'onType' | 'onSave';
  readonly parameterValues: ReadonlyMap<string, string>;
  readonly accountNames: ReadonlyMap<string, string>;
  readonly severityOverrides: ReadonlyMap<string, SeverityOverride>;
  readonly maxFileSize: number;
  readonly debounceMs: number;
  /** Whether the folder's files are read to link a pipeline to the roles of other templates. */
  readonly indexWorkspace: boolean;
  /** Parameter files that could not be read, with the reason, to report once. */
  readonly problems: readonly string[];
}

const SEVERITIES = new Set(['off', 'error', 'warning', 'info']);

/** Parameter files are read once per change on disk, not on every keystroke. */
const parameterFileCache = new Map<string, { mtimeMs: number; values: Map<string, string> }>();

function readParameterFile(file: string, configEnv: string): Map<string, string> {
  const { mtimeMs } = fs.statSync(file);
  const cacheKey = `${file}\u0000${configEnv}`;
  const cached = parameterFileCache.get(cacheKey);
  if (cached && cached.mtimeMs === mtimeMs) return cached.values;
  const values = parseParameterFile(fs.readFileSync(file, 'utf8'), { fileName: file, configEnv });
  parameterFileCache.set(cacheKey, { mtimeMs, values });
  return values;
}

function stringMap(value: unknown, accept: (text: string) => boolean = () => true): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof value !== 'object' || value === null) return map;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if ((typeof item === 'string' || typeof item === 'number') && accept(String(item))) map.set(key, String(item));
  }
  return map;
}

/** Settings are read per document (`scope: resource`), so each folder can name its own accounts. */
export function readSettings(scope: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const problems: string[] = [];
  const parameterValues = new Map<string, string>();
  const folder = vscode.workspace.getWorkspaceFolder(scope)?.uri.fsPath;
  for (const file of config.get<string[]>('parameterFiles') ?? []) {
    const absolute = path.isAbsolute(file) || !folder ? file : path.join(folder, file);
    try {
      for (const [key, value] of readParameterFile(absolute, config.get<string>('samConfigEnv') || 'default')) parameterValues.set(key, value);
    } catch (error) {
      problems.push(`parameter file ${absolute}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Accounts named in settings win over parameter files.
  for (const [key, value] of stringMap(config.get('accounts'))) parameterValues.set(key, value);
  return {
    enable: config.get<boolean>('enable') ?? true,
    run: config.get<string>('run') === 'onSave' ? 'onSave' : 'onType',
    parameterValues,
    accountNames: stringMap(config.get('accountNames')),
    severityOverrides: stringMap(config.get('rules'), (severity) => SEVERITIES.has(severity)) as Map<string, SeverityOverride>,
    maxFileSize: config.get<number>('maxFileSize') ?? 4194304,
    debounceMs: config.get<number>('debounceMs') ?? 150,
    indexWorkspace: config.get<boolean>('indexWorkspace') ?? true,
    problems,
  };
}
