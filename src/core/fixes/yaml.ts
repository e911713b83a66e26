import type { Entry, MapNode, Node, SeqNode } from '../source';
import type { TextEdit } from '../engine/types';
import type { FixData, FixIntent, FixValue } from './intents';
import { holdsItem } from './plain';
import { column, eolOf, lineEnd, lineStart } from './text';

/** Renders fix intents as minimal edits to YAML text, keeping the user's indentation and tag style. */
export function renderYaml(text: string, intent: FixIntent): TextEdit[] {
  switch (intent.kind) {
    case 'set-entry':
      return setEntry(text, intent.map.node, intent.key, intent.value, intent.comment, intent.styleFrom, intent.before);
    case 'replace':
      return replaceNode(text, intent.target.node, intent.value, intent.styleFrom);
    case 'remove-entry':
      return removeEntry(text, intent.map.node, intent.entry);
    case 'append-item':
      return appendItem(text, intent.seq.node, intent.value, intent.styleFrom);
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

function appendItem(text: string, seq: SeqNode, value: FixValue, styleFrom: Node | undefined): TextEdit[] {
  if (holdsItem(seq.items, value)) return [];
  const last = seq.items[seq.items.length - 1];
  if (seq.flow || !last) {
    const close = seq.end - 1;
    return [{ start: close, end: close, newText: `${last ? ', ' : ''}${inlineValue(text, value, styleFrom, 0, true)}` }];
  }
  const dash = text.lastIndexOf('-', last.start);
  const indent = ' '.repeat(column(text, dash));
  const at = lineEnd(text, last.end);
  const eol = eolOf(text);
  if (value.kind === 'mapping') {
    // The new item's keys line up with the keys of the items before it.
    const keyColumn = last.kind === 'map' && !last.flow && last.entries[0] ? column(text, last.entries[0].keyStart) : indent.length + 2;
    const body = mappingLines(text, value, styleFrom, keyColumn, eol).trimStart();
    return [{ start: at, end: at, newText: `${eol}${indent}-${' '.repeat(Math.max(1, keyColumn - indent.length - 1))}${body}` }];
  }
  return [{ start: at, end: at, newText: `${eol}${indent}- ${inlineValue(text, value, styleFrom, indent.length + 2)}` }];
}

/** Each entry on its own line at `keyColumn`, nested collections in block style below their keys. */
function mappingLines(text: string, value: FixValue & { kind: 'mapping' }, styleFrom: Node | undefined, keyColumn: number, eol: string): string {
  const indent = ' '.repeat(keyColumn);
  return value.entries.map(([key, item]) => `${indent}${key}:${blockValue(text, item, styleOf(item, styleFrom), indent, eol)}`).join(eol);
}

/** Inside generated collections, words such as `Allow` stay plain; only intrinsics follow the user's quoting. */
function styleOf(item: FixValue, styleFrom: Node | undefined): Node | undefined {
  return item.kind === 'text' ? undefined : styleFrom;
}

/** Lists of short values stay on one line (`[kms:Decrypt, kms:DescribeKey]`); lists of mappings are written as blocks. */
function fitsOnOneLine(value: FixValue): boolean {
  return value.kind !== 'list' || value.items.every((item) => item.kind !== 'mapping' && item.kind !== 'list');
}

/** The smallest indentation step the file uses, so nested blocks follow it. */
function indentStep(text: string): number {
  let smallest = Infinity;
  const pattern = /^( +)[^\s#]/gm;
  for (let match = pattern.exec(text); match && smallest > 1; match = pattern.exec(text)) smallest = Math.min(smallest, match[1].length);
  return Number.isFinite(smallest) ? smallest : 2;
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

function setEntry(
  text: string, map: MapNode, key: string, value: FixValue, comment: string | undefined, styleFrom: Node | undefined, before: string | undefined,
): TextEdit[] {
  if (map.entries.some((entry) => entry.key === key)) return [];
  const last = map.entries[map.entries.length - 1];
  if (map.flow || !last) {
    const close = map.end - 1;
    const separator = last ? ', ' : '';
    return [{ start: close, end: close, newText: `${separator}${key}: ${inlineValue(text, value, styleFrom, 0)}` }];
  }
  const indent = ' '.repeat(column(text, map.entries[0].keyStart));
  const eol = eolOf(text);
  const rendered = blockValue(text, value, styleFrom, indent, eol);
  const note = comment ? `  # ${comment}` : '';
  const anchor = before === undefined ? undefined : map.entries.find((entry) => entry.key === before);
  const anchorLine = anchor ? lineStart(text, anchor.keyStart) : -1;
  if (anchor && text.slice(anchorLine, anchor.keyStart).trim() === '') {
    return [{ start: anchorLine, end: anchorLine, newText: `${indent}${key}:${rendered}${note}${eol}` }];
  }
  const at = lineEnd(text, last.value.end);
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

/** ` value` on the key's line, or a nested block on the next lines for mappings and long-form intrinsics. */
function blockValue(text: string, value: FixValue, styleFrom: Node | undefined, indent: string, eol: string): string {
  if (usesLongForm(styleFrom) && (value.kind === 'sub' || value.kind === 'getAtt')) {
    const inner = value.kind === 'sub'
      ? `Fn::Sub: ${quote(value.template, scalarStyle(styleFrom))}`
      : `Fn::GetAtt: [${value.logicalId}, ${value.attribute}]`;
    return `${eol}${indent}  ${inner}`;
  }
  const nested = indent.length + indentStep(text);
  if (value.kind === 'mapping' && value.entries.length > 0) return `${eol}${mappingLines(text, value, styleFrom, nested, eol)}`;
  if (value.kind === 'list' && !fitsOnOneLine(value)) {
    return value.items.map((item) => {
      const rendered = item.kind === 'mapping'
        ? mappingLines(text, item, styleFrom, nested + 2, eol).trimStart()
        : inlineValue(text, item, styleOf(item, styleFrom), nested + 2);
      return `${eol}${' '.repeat(nested)}- ${rendered}`;
    }).join('');
  }
  return ` ${inlineValue(text, value, styleFrom, indent.length)}`;
}

/** A value on one line; inside a flow collection, plain scalars must not hold flow indicators. */
function inlineValue(text: string, value: FixValue, styleFrom: Node | undefined, targetColumn: number, inFlow = false): string {
  switch (value.kind) {
    case 'text':
      return quote(value.text, scalarStyle(styleFrom), inFlow);
    case 'sub':
      return usesLongForm(styleFrom)
        ? `{'Fn::Sub': ${quote(value.template, 'single')}}`
        : `!Sub ${quote(value.template, scalarStyle(styleFrom), inFlow)}`;
    case 'getAtt':
      return usesLongForm(styleFrom) ? `{'Fn::GetAtt': [${value.logicalId}, ${value.attribute}]}` : `!GetAtt ${value.logicalId}.${value.attribute}`;
    case 'ref':
      return usesLongForm(styleFrom) ? `{Ref: ${value.logicalId}}` : `!Ref ${value.logicalId}`;
    case 'copy':
      return reindent(text, value.node, targetColumn);
    case 'data':
      return flow(value.value);
    case 'mapping':
      return `{${value.entries.map(([key, item]) => `${key}: ${inlineValue(text, item, styleOf(item, styleFrom), 0, true)}`).join(', ')}}`;
    case 'list':
      return `[${value.items.map((item) => inlineValue(text, item, styleOf(item, styleFrom), 0, true)).join(', ')}]`;
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

function quote(value: string, style: QuoteStyle, inFlow = false): string {
  if (style === 'plain' && PLAIN_SAFE.test(value) && !(inFlow && /[,[\]{}]/.test(value)) && !/: |:$/.test(value) && !/^(true|false|null|~|[-+]?[\d.]+|\d{4}-\d\d-\d\d)$/i.test(value)) {
    return value;
  }
  if (style === 'double') return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}
