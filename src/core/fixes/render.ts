import type { SourceDocument } from '../source';
import type { Fix, TextEdit } from '../engine/types';
import type { FixDescriptor } from './intents';
import { renderJson } from './json';
import { renderYaml } from './yaml';

/**
 * Turns a fix's intents into edits for this document, or for the other file it names; a fix with
 * nothing left to do is dropped.
 */
export function renderFix(own: SourceDocument, fix: FixDescriptor): Fix | undefined {
  const source = fix.in?.source ?? own;
  const render = source.format === 'json' ? renderJson : renderYaml;
  let edits: TextEdit[];
  try {
    edits = fix.intents.flatMap((intent) => render(source.text, intent)).map((edit) => minimise(source.text, edit));
    applyEdits(source.text, edits);
  } catch {
    // A fix that cannot be rendered on this text (odd input, overlapping intents) is not offered;
    // the finding still is.
    return undefined;
  }
  if (edits.length === 0) return undefined;
  return fix.in ? { title: fix.title, preferred: fix.preferred, edits, fileName: fix.in.fileName } : { title: fix.title, preferred: fix.preferred, edits };
}

/**
 * The edits of several fixes made against the same text, for "fix all": preferred fixes first,
 * and a fix that touches text another one already changes is left for the next round. Only the
 * fixes of one file count: the finding's own file by default, or the other file named (fixes
 * into other files have offsets into other text).
 */
export function combineFixes(fixes: readonly Fix[], fileName?: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const ordered = fixes.filter((fix) => fix.fileName === fileName).sort((a, b) => Number(b.preferred) - Number(a.preferred));
  for (const fix of ordered) {
    const overlaps = fix.edits.some((edit) => edits.some((other) => edit.start <= other.end && other.start <= edit.end));
    if (!overlaps) edits.push(...fix.edits);
  }
  return edits;
}

/** Applies non-overlapping edits made against the same text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // Applied from the end; of several insertions at one point the last goes first, so they read in order.
  const sorted = edits.map((edit, index) => ({ edit, index }))
    .sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index)
    .map(({ edit }) => edit);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error('overlapping edits');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** Drops the unchanged text a renderer rewrote around its change, so an edit touches only what it names. */
function minimise(text: string, edit: TextEdit): TextEdit {
  const old = text.slice(edit.start, edit.end);
  let prefix = 0;
  const limit = Math.min(old.length, edit.newText.length);
  while (prefix < limit && old[prefix] === edit.newText[prefix]) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && old[old.length - 1 - suffix] === edit.newText[edit.newText.length - 1 - suffix]) suffix++;
  return {
    start: edit.start + prefix,
    end: edit.end - suffix,
    newText: edit.newText.slice(prefix, edit.newText.length - suffix),
  };
}
