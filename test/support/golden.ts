import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { LineIndex, type Finding } from '../../src/core';

/** Compares `actual` with the golden file; UPDATE_GOLDENS=1 rewrites it instead. */
export function matchGolden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDENS === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `${file} exists (run with UPDATE_GOLDENS=1 to create it)`);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

/** The source with `~~~` under each finding's span and its rule id and severity; no message wording. */
export function drawFindings(text: string, findings: readonly Finding[], note: (finding: Finding) => string = () => ''): string {
  const index = new LineIndex(text);
  const lines = text.split('\n');
  const notes = new Map<number, string[]>();
  for (const finding of findings) {
    const start = index.position(finding.start);
    const end = index.position(finding.end);
    const lineText = lines[start.line] ?? '';
    const width = Math.max(1, (end.line === start.line ? end.character : lineText.length) - start.character);
    const drawn = `${' '.repeat(start.character)}${'~'.repeat(width)} ${finding.ruleId} ${finding.severity}${note(finding)}`;
    notes.set(start.line, [...(notes.get(start.line) ?? []), drawn]);
  }
  return lines.flatMap((line, i) => [line, ...(notes.get(i) ?? [])]).join('\n');
}
