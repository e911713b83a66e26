import { modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { Entry, MapNode } from '../source';
import type { TextEdit } from '../engine/types';
import type { FixIntent } from './intents';
import { holdsItem, plainOf } from './plain';
import { eolOf } from './text';

/** Renders fix intents as minimal edits to JSON text; insertions go through jsonc-parser's `modify`. */
export function renderJson(text: string, intent: FixIntent): TextEdit[] {
  switch (intent.kind) {
    case 'set-entry':
      if (intent.map.node.entries.some((entry) => entry.key === intent.key)) return [];
      return insertBefore(text, intent.map.node, intent.key, plainOf(intent.value), intent.before)
        ?? viaModify(text, [...intent.map.path, intent.key], plainOf(intent.value), false);
    case 'replace':
      return [{
        start: intent.target.node.start, end: intent.target.node.end,
        newText: oneLine(plainOf(intent.value)),
      }];
    case 'remove-entry':
      return removeEntry(intent.map.node, intent.entry);
    case 'append-item':
      if (holdsItem(intent.seq.node.items, intent.value)) return [];
      return viaModify(text, [...intent.seq.path, -1], plainOf(intent.value), true);
    case 'comment-above':
      return [];
  }
}

function viaModify(text: string, path: JSONPath, value: unknown, isArrayInsertion: boolean): TextEdit[] {
  const edits = modify(text, path, value, { formattingOptions: formattingOf(text), isArrayInsertion });
  return edits.map((edit) => ({ start: edit.offset, end: edit.offset + edit.length, newText: edit.content }));
}

/**
 * A property written just before another one, on its own line with the same indentation; jsonc's
 * `modify` would reformat the neighbouring property instead.
 */
function insertBefore(text: string, map: MapNode, key: string, value: unknown, before: string | undefined): TextEdit[] | undefined {
  const anchor = before === undefined ? undefined : map.entries.find((entry) => entry.key === before);
  if (!anchor) return undefined;
  const lineBegin = text.lastIndexOf('\n', anchor.keyStart - 1) + 1;
  const indent = text.slice(lineBegin, anchor.keyStart);
  const separator = indent.trim() === '' ? `${eolOf(text)}${indent}` : ' ';
  return [{ start: anchor.keyStart, end: anchor.keyStart, newText: `${JSON.stringify(key)}: ${oneLine(value)},${separator}` }];
}

/** `{ "Fn::Sub": "…" }` on one line: JSON strings cannot hold raw line breaks, so folding them is safe. */
function oneLine(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
}

/** Removes a property and the comma that belongs to it. */
function removeEntry(map: MapNode, entry: Entry): TextEdit[] {
  const index = map.entries.indexOf(entry);
  if (index < 0) return [];
  const previous = map.entries[index - 1];
  if (previous) return [{ start: previous.value.end, end: entry.value.end, newText: '' }];
  const next = map.entries[index + 1];
  if (next) return [{ start: entry.keyStart, end: next.keyStart, newText: '' }];
  return [{ start: entry.keyStart, end: entry.value.end, newText: '' }];
}

/** The file's own indentation, so inserted properties line up with their siblings. */
function formattingOf(text: string): FormattingOptions {
  const indented = /^([ \t]+)["{[]/m.exec(text);
  const unit = indented?.[1] ?? '  ';
  const insertSpaces = !unit.startsWith('\t');
  const tabSize = insertSpaces ? smallestIndent(text) : 1;
  return { insertSpaces, tabSize, eol: eolOf(text) };
}

function smallestIndent(text: string): number {
  let smallest = Infinity;
  const pattern = /^( +)["{[]/gm;
  for (let match = pattern.exec(text); match && smallest > 1; match = pattern.exec(text)) {
    smallest = Math.min(smallest, match[1].length);
  }
  return Number.isFinite(smallest) ? smallest : 2;
}
