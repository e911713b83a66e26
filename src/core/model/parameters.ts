import { parse as parseToml, TomlError } from 'smol-toml';

/**
 * Parameter values from the files people already keep next to their templates:
 * CloudFormation's `[{ "ParameterKey": …, "ParameterValue": … }]`, CodePipeline's
 * template configuration `{ "Parameters": { … } }`, and the SAM CLI's `samconfig.toml`.
 */
export interface ParameterFileOptions {
  /** The file's name; a `.toml` file is read as a SAM CLI configuration file. */
  readonly fileName?: string;
  /** The samconfig environment (`sam deploy --config-env`) to read; `default` when not given. */
  readonly configEnv?: string;
}

export function parseParameterFile(text: string, options: ParameterFileOptions = {}): Map<string, string> {
  if (options.fileName !== undefined && isSamConfigFile(options.fileName)) return parseSamConfig(text, options.configEnv ?? 'default');
  const data: unknown = JSON.parse(text);
  const values = new Map<string, string>();
  if (Array.isArray(data)) {
    for (const item of data) {
      if (isRecord(item) && typeof item.ParameterKey === 'string' && isPrimitive(item.ParameterValue)) {
        values.set(item.ParameterKey, String(item.ParameterValue));
      }
    }
    return values;
  }
  const parameters = isRecord(data) ? data.Parameters : undefined;
  if (!isRecord(parameters)) throw new Error('expected [{"ParameterKey", "ParameterValue"}] or {"Parameters": {...}}');
  for (const [key, value] of Object.entries(parameters)) {
    if (isPrimitive(value)) values.set(key, String(value));
  }
  return values;
}

/** SAM CLI configuration files are TOML; the other parameter files are JSON. */
export function isSamConfigFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.toml');
}

/**
 * The `parameter_overrides` that `sam deploy --config-env <environment>` uses: those of
 * `[<environment>.deploy.parameters]`, else of `[<environment>.global.parameters]` (the SAM CLI
 * takes an option from the command's table before the global one, never merging the two).
 */
function parseSamConfig(text: string, environment: string): Map<string, string> {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const reason = error.message.split('\n')[0].replace(/^Invalid TOML document: /, '');
    throw new Error(`not valid TOML (line ${error.line}, column ${error.column}): ${reason}`);
  }
  const tables = data[environment];
  if (!isRecord(tables)) {
    const environments = Object.keys(data).filter((key) => isRecord(data[key]));
    throw new Error(`no environment '${environment}' in the SAM configuration${environments.length > 0 ? ` (it has ${environments.join(', ')})` : ''}`);
  }
  const overrides = overridesOf(tables, 'deploy') ?? overridesOf(tables, 'global');
  const values = new Map<string, string>();
  if (overrides === undefined) return values;
  const texts = typeof overrides === 'string' ? [overrides] : overrides;
  if (!isStringArray(texts)) throw new Error(`parameter_overrides of '${environment}' must be a string or an array of "Key=Value" strings`);
  for (const item of texts) readOverrides(item, values);
  return values;
}

function overridesOf(tables: Record<string, unknown>, command: string): unknown {
  const commandTables = tables[command];
  const parameters = isRecord(commandTables) ? commandTables.parameters : undefined;
  return isRecord(parameters) ? parameters.parameter_overrides : undefined;
}

/**
 * One `parameter_overrides` string, as the SAM CLI splits it (`CfnParameterOverridesType` in
 * samcli/cli/types.py): `Key=Value` pairs (or `ParameterKey=Key,ParameterValue=Value`) separated
 * by spaces, a value in double or single quotes when it holds spaces; a backslash escapes the
 * next character for the split, and an unquoted value may hold `'`.
 */
const PAIR = /(?:ParameterKey=([^\s=,]+),ParameterValue=|([^\s=]+)=)("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|(?:\\.|[^\s"\\])*)(?=\s|$)/y;

function readOverrides(text: string, values: Map<string, string>): void {
  let index = 0;
  for (;;) {
    while (/\s/.test(text[index] ?? '')) index++;
    if (index >= text.length) return;
    PAIR.lastIndex = index;
    const match = PAIR.exec(text);
    if (!match) throw new Error(`parameter_overrides: expected Key=Value at '${text.slice(index, index + 40)}'`);
    values.set(match[1] ?? match[2], unquote(match[3]));
    index = PAIR.lastIndex;
  }
}

/**
 * The SAM CLI's `_unquote_wrapped_quotes`: drops wrapping quotes and unescapes only `\ `, `\"`
 * and `\'`, so `^\d+$` or `C:\x` keep their backslash.
 */
function unquote(value: string): string {
  const inner = value !== '' && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0] ? value.slice(1, -1) : value;
  return inner.replaceAll('\\ ', ' ').replaceAll('\\"', '"').replaceAll("\\'", "'");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
