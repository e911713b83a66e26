import { parseJson } from './json';
import { parseYaml } from './yaml';
import type { SourceDocument, SourceFormat } from './tree';

export * from './tree';

/** JSON when the name says so or the text starts like JSON; YAML otherwise (YAML is a superset in spirit). */
export function detectFormat(fileName: string, text: string): SourceFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const first = text.match(/^\uFEFF?\s*(\S)/)?.[1];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

export function parseSource(text: string, format: SourceFormat): SourceDocument {
  return format === 'json' ? parseJson(text) : parseYaml(text);
}
