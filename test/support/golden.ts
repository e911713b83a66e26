import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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
