import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Entry, Node, ParseProblem, Path, SourceDocument } from './tree';
import { MAX_DEPTH } from './yaml';

export function parseJson(text: string): SourceDocument {
  // jsonc-parser recurses per level: hostile nesting would overflow the stack before it returns.
  const tooDeep = depthExceeded(text, MAX_DEPTH);
  if (tooDeep !== undefined) {
    const problem: ParseProblem = { code: 'too-deep', message: `nesting exceeded maxDepth (${MAX_DEPTH})`, start: tooDeep, end: tooDeep + 1 };
    return { text, format: 'json', root: undefined, problems: [problem] };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    const problem: ParseProblem = {
      code: 'syntax', message: describeError(printParseErrorCode(first.error)),
      start: first.offset, end: Math.min(first.offset + Math.max(first.length, 1), text.length),
    };
    return { text, format: 'json', root: undefined, problems: [problem] };
  }
  const problems: ParseProblem[] = [];
  if (!tree) return { text, format: 'json', root: undefined, problems };
  const root = convert(tree, [], problems);
  return { text, format: 'json', root, problems };
}

/** The offset where bracket nesting first goes deeper than `limit`, skipping strings; one linear scan. */
function depthExceeded(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) {
      inString = true;
    } else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > limit) return i;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) {
      depth--;
    }
  }
  return undefined;
}

function describeError(code: string): string {
  // `PropertyNameExpected` -> `property name expected`
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function convert(node: JsonNode, path: Path, problems: ParseProblem[]): Node {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const entries: Entry[] = [];
      const seen = new Map<string, { start: number; end: number }>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        const keySpan = { start: keyNode.offset, end: keyNode.offset + keyNode.length };
        const first = seen.get(key);
        if (first) {
          problems.push({
            code: 'duplicate-key', message: `Duplicate key '${key}'`, ...keySpan, mapPath: path, key, firstKey: first,
          });
        } else {
          seen.set(key, keySpan);
        }
        entries.push({
          key, keyStart: keySpan.start, keyEnd: keySpan.end,
          value: convert(valueNode, [...path, key], problems),
        });
      }
      return { kind: 'map', start, end, entries, flow: true };
    }
    case 'array':
      return {
        kind: 'seq', start, end, flow: true,
        items: (node.children ?? []).map((child, index) => convert(child, [...path, index], problems)),
      };
    case 'string':
    case 'number':
    case 'boolean':
      return { kind: 'scalar', start, end, value: node.value as string | number | boolean, style: 'json' };
    default:
      return { kind: 'scalar', start, end, value: null, style: 'json' };
  }
}
