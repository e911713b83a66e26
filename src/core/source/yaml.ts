import { parseEvents, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import type { AliasNode, Entry, MapNode, Node, ParseProblem, Path, ScalarNode, SeqNode, SourceDocument, Span } from './tree';
import { SHORT_TAGS } from './intrinsics';

// js-yaml 5 `parseEvents` was chosen by measurement (docs/parser-choice.md): it is the
// fastest parser that gives offsets for every scalar, collection and tag. This file is
// the only place that knows about it.

const EVENT_DOCUMENT = 1;
const EVENT_SEQUENCE = 2;
const EVENT_MAPPING = 3;
const EVENT_SCALAR = 4;
const EVENT_ALIAS = 5;
const EVENT_POP = 6;

const STYLE_PLAIN = 1;
const STYLE_SINGLE = 2;
const STYLE_DOUBLE = 3;
const STYLE_LITERAL = 4;
const STYLE_FLOW = 2;

/** Deeper nesting than this is hostile input, not a template. */
export const MAX_DEPTH = 200;

interface Tag {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly start: number;
  readonly flow: boolean;
  readonly tag: Tag | undefined;
  /** How this collection is reached from its parent; paths are only built when a problem needs one. */
  readonly parent: Frame | undefined;
  readonly step: string | number | undefined;
  readonly items: Node[];
  readonly entries: Entry[];
  /** The key read and waiting for its value (maps only). */
  pendingKey: Span & { key: string } | undefined;
  /** Keys by name, built once a mapping grows past a linear scan's worth (maps only). */
  keyIndex: Map<string, Span> | undefined;
  /** End offset of the last thing read inside this collection. */
  cursor: number;
}

function pathOf(frame: Frame): Path {
  const steps: (string | number)[] = [];
  for (let current: Frame | undefined = frame; current; current = current.parent) {
    const longName = current.tag ? SHORT_TAGS.get(current.tag.name) : undefined;
    if (longName) steps.push(longName);
    if (current.step !== undefined) steps.push(current.step);
  }
  return steps.reverse();
}

const LINEAR_SCAN_LIMIT = 16;

/**
 * The first occurrence of a key in the mapping being built. Most mappings are small and a scan
 * is cheapest; `Resources` of a large template is not, so past a few entries an index takes over.
 */
function firstKey(frame: Frame, key: string, span: Span): Span | undefined {
  if (frame.keyIndex) {
    const first = frame.keyIndex.get(key);
    if (!first) frame.keyIndex.set(key, span);
    return first;
  }
  for (const entry of frame.entries) if (entry.key === key) return { start: entry.keyStart, end: entry.keyEnd };
  if (frame.entries.length >= LINEAR_SCAN_LIMIT) {
    frame.keyIndex = new Map();
    for (const entry of frame.entries) if (!frame.keyIndex.has(entry.key)) frame.keyIndex.set(entry.key, { start: entry.keyStart, end: entry.keyEnd });
    frame.keyIndex.set(key, span);
  }
  return undefined;
}

export function parseYaml(text: string): SourceDocument {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch (error) {
    return { text, format: 'yaml', root: undefined, problems: [syntaxProblem(text, error)] };
  }
  const problems: ParseProblem[] = [];
  const root = buildTree(text, events, problems);
  return { text, format: 'yaml', root, problems };
}

function syntaxProblem(text: string, error: unknown): ParseProblem {
  const detail = error as { reason?: unknown; mark?: { position?: unknown }; message?: unknown };
  const reason = typeof detail.reason === 'string' ? detail.reason : String(detail.message ?? error);
  const position = typeof detail.mark?.position === 'number' ? Math.min(detail.mark.position, text.length) : 0;
  const code = reason.includes('maxDepth') ? 'too-deep' : 'syntax';
  return { code, message: reason, start: position, end: Math.min(position + 1, text.length) };
}

function buildTree(text: string, events: Event[], problems: ParseProblem[]): Node | undefined {
  const stack: Frame[] = [];
  let root: Node | undefined;
  let documents = 0;
  let cursor = 0;

  const stepTo = (parent: Frame | undefined): string | number | undefined => {
    if (!parent) return undefined;
    return parent.kind === 'seq' ? parent.items.length : parent.pendingKey?.key;
  };

  const place = (node: Node): void => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      root ??= node;
      return;
    }
    frame.cursor = node.end;
    if (frame.kind === 'seq') {
      frame.items.push(node);
      return;
    }
    const pending = frame.pendingKey;
    if (!pending) {
      const key = node.kind === 'scalar' && node.value !== null ? String(node.value) : text.slice(node.start, node.end);
      const span = { key, start: node.start, end: node.end };
      const first = firstKey(frame, key, span);
      if (first) {
        problems.push({
          code: 'duplicate-key', message: `Duplicate key '${key}'`, start: span.start, end: span.end,
          mapPath: pathOf(frame), key, firstKey: first,
        });
      }
      frame.pendingKey = span;
      return;
    }
    frame.entries.push({ key: pending.key, keyStart: pending.start, keyEnd: pending.end, value: node });
    frame.pendingKey = undefined;
  };

  for (const event of events) {
    switch (event.type) {
      case EVENT_DOCUMENT:
        documents++;
        break;
      case EVENT_MAPPING:
      case EVENT_SEQUENCE: {
        if (documents > 1) break;
        const parent = stack[stack.length - 1];
        stack.push({
          kind: event.type === EVENT_MAPPING ? 'map' : 'seq', start: event.start, flow: event.style === STYLE_FLOW,
          tag: readTag(text, event.tagStart, event.tagEnd), parent, step: stepTo(parent),
          items: [], entries: [], pendingKey: undefined, keyIndex: undefined, cursor: event.start + 1,
        });
        break;
      }
      case EVENT_SCALAR: {
        if (documents > 1) break;
        const frame = stack[stack.length - 1];
        const from = frame ? Math.max(frame.cursor, frame.pendingKey?.end ?? 0) : cursor;
        place(wrapTag(scalarNode(text, event, from), readTag(text, event.tagStart, event.tagEnd)));
        break;
      }
      case EVENT_ALIAS: {
        if (documents > 1) break;
        const alias: AliasNode = { kind: 'alias', start: Math.max(0, event.anchorStart - 1), end: event.anchorEnd };
        place(alias);
        break;
      }
      case EVENT_POP: {
        const frame = stack.pop();
        if (!frame) break;
        if (documents > 1) break;
        place(wrapTag(closeCollection(text, frame), frame.tag));
        cursor = frame.cursor;
        break;
      }
    }
  }
  return root;
}

function readTag(text: string, start: number, end: number): Tag | undefined {
  return start < 0 ? undefined : { name: text.slice(start, end), start, end };
}

function closeCollection(text: string, frame: Frame): MapNode | SeqNode {
  let end = frame.cursor;
  if (frame.flow) {
    const close = findFlowEnd(text, frame.cursor, frame.kind === 'map' ? '}' : ']');
    end = close + 1;
  }
  return frame.kind === 'map'
    ? { kind: 'map', start: frame.start, end, entries: frame.entries, flow: frame.flow }
    : { kind: 'seq', start: frame.start, end, items: frame.items, flow: frame.flow };
}

/** The closing bracket of a flow collection, skipping spaces, commas and comments. */
function findFlowEnd(text: string, from: number, bracket: string): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === bracket) return i;
    if (ch === '#') {
      const newline = text.indexOf('\n', i);
      if (newline < 0) break;
      i = newline;
    }
  }
  return Math.max(from - 1, 0);
}

function scalarNode(text: string, event: ScalarEvent, from: number): ScalarNode {
  const { valueStart, valueEnd, style } = event;
  if (valueStart < 0) {
    // An empty value: place it just after the key's colon or the tag.
    const at = text[from] === ':' ? from + 1 : from;
    return { kind: 'scalar', start: at, end: at, value: null, style: 'plain' };
  }
  const decoded = getScalarValue(text, event);
  switch (style) {
    case STYLE_SINGLE:
      return { kind: 'scalar', start: valueStart - 1, end: valueEnd + 1, value: decoded, style: 'single' };
    case STYLE_DOUBLE:
      return { kind: 'scalar', start: valueStart - 1, end: valueEnd + 1, value: decoded, style: 'double' };
    case STYLE_PLAIN:
      return {
        kind: 'scalar', start: valueStart, end: valueEnd, style: 'plain',
        value: event.tagStart < 0 ? resolvePlain(decoded) : decoded,
      };
    default: {
      // Block scalars: the node starts at the `|` or `>` header, the content ends before trailing blank lines.
      let start = valueStart;
      const indicator = style === STYLE_LITERAL ? '|' : '>';
      const header = text.lastIndexOf(indicator, valueStart);
      if (header >= from) start = header;
      let end = valueEnd;
      while (end > valueStart && /\s/.test(text[end - 1])) end--;
      return { kind: 'scalar', start, end, value: decoded, style: 'block' };
    }
  }
}

const NUMBER = /^[-+]?(?:\d+|\d*\.\d+|\d+\.\d*)(?:[eE][-+]?\d+)?$/;

/** YAML 1.2 core schema for plain scalars; numbers that would not survive a round trip (account ids with leading zeros) stay text. */
function resolvePlain(text: string): string | number | boolean | null {
  switch (text) {
    case '': case '~': case 'null': case 'Null': case 'NULL':
      return null;
    case 'true': case 'True': case 'TRUE':
      return true;
    case 'false': case 'False': case 'FALSE':
      return false;
  }
  if (NUMBER.test(text)) {
    const value = Number(text);
    if (String(value) === text) return value;
  }
  return text;
}

/** Turns `!Sub x` into `{ "Fn::Sub": x }` and `!GetAtt a.b` into `{ "Fn::GetAtt": [a, b] }`. */
function wrapTag(node: Node, tag: Tag | undefined): Node {
  if (!tag) return node;
  const longName = SHORT_TAGS.get(tag.name);
  if (!longName) {
    if (tag.name === '!!str' && node.kind === 'scalar' && node.value !== null) {
      return { ...node, value: String(node.value) };
    }
    return node;
  }
  let value: Node = node;
  if (longName === 'Fn::GetAtt' && node.kind === 'scalar' && typeof node.value === 'string') {
    value = splitGetAtt(node, node.value);
  }
  return {
    kind: 'map', start: tag.start, end: Math.max(node.end, tag.end), flow: false, shortTag: tag.name,
    entries: [{ key: longName, keyStart: tag.start, keyEnd: tag.end, value }],
  };
}

function splitGetAtt(node: ScalarNode, value: string): SeqNode {
  const dot = value.indexOf('.');
  const plain = node.style === 'plain';
  const resourceEnd = dot < 0 || !plain ? node.end : node.start + dot;
  const resource: ScalarNode = { ...node, end: resourceEnd, value: dot < 0 ? value : value.slice(0, dot) };
  const attribute: ScalarNode = {
    ...node, start: dot < 0 || !plain ? node.start : node.start + dot + 1, value: dot < 0 ? '' : value.slice(dot + 1),
  };
  return { kind: 'seq', start: node.start, end: node.end, flow: true, items: [resource, attribute] };
}
