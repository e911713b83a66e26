import type { Entry, MapNode, Node, SeqNode } from '../source';
import type { TextEdit } from '../engine/types';
import type { FixData, FixIntent, FixValue } from './intents';
import { column, eolOf, lineEnd, lineStart } from './text';

/** Renders fix intents as minimal edits to YAML text, keeping the user's indentation and tag style. */
export function renderYaml(text: string, intent: FixIntent): TextEdit[] {
  switch (intent.kind) {
    case 'set-entry':
      return setEntry(text, intent.map.node, intent.key, intent.value, intent.comment, intent.styleFrom);
    case 'replace':
      return replaceNode(text, intent.target.node, intent.value, intent.styleFrom);
    case 'remove-entry':
      return removeEntry(text, intent.map.node, intent.entry);
    case 'append-item':
      return appendItem(text, intent.seq.node, intent.value);
    case 'comment-above':
      return commentAbove(text, intent.at.start, intent.text);
  }
}

/**
 * A block collection is replaced from its key's colon, so the inline value lands on the
 * key's line; a comment on that line stays after it.
 */
function replaceNode(text: string, node: Node, value: FixValue, styleFrom: Node | undefined): TextEdit[] {
  const block = (node.kind === 'map' || node.kind === 'seq') && !node.flow && !(node.kind === 'map' && node.shortTag);
  const colon = block ? keyColon(text, node.start) : -1;
  if (colon < 0) {
    return [{ start: node.start, end: node.end, newText: inlineValue(text, value, styleFrom, column(text, node.start)) }];
  }
  const comment = text.slice(colon + 1, lineEnd(text, colon)).trimEnd();
  return [{ start: colon + 1, end: node.end, newText: ` ${inlineValue(text, value, styleFrom, 0)}${comment}` }];
}

/** The colon ending the key line above a block collection (blank and comment lines skipped), or -1. */
function keyColon(text: string, offset: number): number {
  for (let start = lineStart(text, offset); start > 0;) {
    start = lineStart(text, start - 1);
    const line = text.slice(start, lineEnd(text, start));
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = /:(\s+#.*)?\s*$/.exec(line);
    return match ? start + match.index : -1;
  }
  return -1;
}

function appendItem(text: string, seq: SeqNode, value: FixValue): TextEdit[] {
  const last = seq.items[seq.items.length - 1];
  if (seq.flow || !last) {
    const close = seq.end - 1;
    return [{ start: close, end: close, newText: `${last ? ', ' : ''}${inlineValue(text, value, undefined, 0)}` }];
  }
  const dash = text.lastIndexOf('-', last.start);
  const indent = ' '.repeat(column(text, dash));
  const at = lineEnd(text, last.end);
  return [{ start: at, end: at, newText: `${eolOf(text)}${indent}- ${inlineValue(text, value, undefined, indent.length + 2)}` }];
}

function commentAbove(text: string, offset: number, comment: string): TextEdit[] {
  const start = lineStart(text, offset);
  const indent = /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
  const line = `${indent}# ${comment}${eolOf(text)}`;
  // Already there: applying the fix twice changes nothing.
  const previousStart = lineStart(text, Math.max(0, start - 1));
  if (start > 0 && text.slice(previousStart, start).trim() === line.trim()) return [];
  return [{ start, end: start, newText: line }];
}

function setEntry(text: string, map: MapNode, key: string, value: FixValue, comment: string | undefined, styleFrom: Node | undefined): TextEdit[] {
  if (map.entries.some((entry) => entry.key === key)) return [];
  const last = map.entries[map.entries.length - 1];
  if (map.flow || !last) {
    const close = map.end - 1;
    const separator = last ? ', ' : '';
    return [{ start: close, end: close, newText: `${separator}${key}: ${inlineValue(text, value, styleFrom, 0)}` }];
  }
  const indent = ' '.repeat(column(text, map.entries[0].keyStart));
  const eol = eolOf(text);
  const at = lineEnd(text, last.value.end);
  const rendered = blockValue(text, value, styleFrom, indent, eol);
  const note = comment ? `  # ${comment}` : '';
  return [{ start: at, end: at, newText: `${eol}${indent}${key}:${rendered}${note}` }];
}

function removeEntry(text: string, map: MapNode, entry: Entry): TextEdit[] {
  const index = map.entries.indexOf(entry);
  if (index < 0) return [];
  const next = map.entries[index + 1];
  const start = lineStart(text, entry.keyStart);
  const ownsLine = !map.flow && text.slice(start, entry.keyStart).trim() === '';
  if (ownsLine) {
    // Remove the whole line(s) of the entry, with its trailing comment.
    const end = lineEnd(text, entry.value.end);
    const afterBreak = text.startsWith('\r\n', end) ? end + 2 : text[end] === '\n' ? end + 1 : end;
    return [{ start, end: afterBreak, newText: '' }];
  }
  if (next) return [{ start: entry.keyStart, end: next.keyStart, newText: '' }];
  const previous = map.entries[index - 1];
  if (previous) return [{ start: previous.value.end, end: entry.value.end, newText: '' }];
  return [{ start: entry.keyStart, end: entry.value.end, newText: '{}' }];
}

/** ` value` on the key's line, or a nested block on the next lines for long-form intrinsics. */
function blockValue(text: string, value: FixValue, styleFrom: Node | undefined, indent: string, eol: string): string {
  if (usesLongForm(styleFrom) && (value.kind === 'sub' || value.kind === 'getAtt')) {
    const inner = value.kind === 'sub'
      ? `Fn::Sub: ${quote(value.template, scalarStyle(styleFrom))}`
      : `Fn::GetAtt: [${value.logicalId}, ${value.attribute}]`;
    return `${eol}${indent}  ${inner}`;
  }
  return ` ${inlineValue(text, value, styleFrom, indent.length)}`;
}

function inlineValue(text: string, value: FixValue, styleFrom: Node | undefined, targetColumn: number): string {
  switch (value.kind) {
    case 'text':
      return quote(value.text, scalarStyle(styleFrom));
    case 'sub':
      return usesLongForm(styleFrom)
        ? `{'Fn::Sub': ${quote(value.template, 'single')}}`
        : `!Sub ${quote(value.template, scalarStyle(styleFrom))}`;
    case 'getAtt':
      return usesLongForm(styleFrom) ? `{'Fn::GetAtt': [${value.logicalId}, ${value.attribute}]}` : `!GetAtt ${value.logicalId}.${value.attribute}`;
    case 'copy':
      return reindent(text, value.node, targetColumn);
    case 'data':
      return flow(value.value);
  }
}

/** YAML flow style: `{cpx-lint: {ignore: [CPX-R01]}}`. */
function flow(data: FixData): string {
  if (typeof data === 'string') return quote(data, 'plain');
  if (Array.isArray(data)) return `[${data.map(flow).join(', ')}]`;
  return `{${Object.entries(data as Record<string, FixData>).map(([key, item]) => `${quote(key, 'plain')}: ${flow(item)}`).join(', ')}}`;
}

/** Copies a node's text; continuation lines move with it to the new column. */
function reindent(text: string, node: Node, targetColumn: number): string {
  const source = text.slice(node.start, node.end);
  const shift = targetColumn - column(text, node.start);
  if (!source.includes('\n') || shift === 0) return source;
  return source.split('\n').map((line, index) => {
    if (index === 0) return line;
    return shift > 0 ? ' '.repeat(shift) + line : line.replace(new RegExp(`^ {0,${-shift}}`), '');
  }).join('\n');
}

function usesLongForm(node: Node | undefined): boolean {
  return node?.kind === 'map' && node.shortTag === undefined && node.entries.length === 1 && node.entries[0].key.startsWith('Fn::');
}

type QuoteStyle = 'plain' | 'single' | 'double';

/** The quoting of the scalar inside a node (under its tag, if any). */
function scalarStyle(node: Node | undefined): QuoteStyle {
  const scalar = node?.kind === 'map' && node.entries.length === 1 ? node.entries[0].value : node;
  if (scalar?.kind !== 'scalar') return 'plain';
  return scalar.style === 'double' || scalar.style === 'json' ? 'double' : scalar.style === 'single' ? 'single' : 'plain';
}

const PLAIN_SAFE = /^[A-Za-z0-9_/$][A-Za-z0-9_\-/.:@${}+=,*]*$/;

function quote(value: string, style: QuoteStyle): string {
  if (style === 'plain' && PLAIN_SAFE.test(value) && !/: |:$/.test(value) && !/^(true|false|null|~|[-+]?[\d.]+)$/i.test(value)) {
    return value;
  }
  if (style === 'double') return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}
