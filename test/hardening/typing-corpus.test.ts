import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { lintText } from '../../src/core';

// Typing simulation over real public templates: ../shared/corpus (beside the project on
// developer machines and CI) is copied into a temp folder at test time and never committed.
// Every prefix that ends a line (as if typed line by line) and every single-line deletion
// is linted: nothing may throw, and each lint stays within a bound proportional to the size.

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');
const EXTENSIONS = /\.(ya?ml|json|template)$/i;

function files(root: string): string[] {
  return readdirSync(root).sort().flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : EXTENSIONS.test(name) ? [path] : [];
  });
}

function bounded(text: string, fileName: string): void {
  const started = performance.now();
  lintText(text, { fileName });
  const elapsed = performance.now() - started;
  const budget = 250 + text.length / 50;
  assert.ok(elapsed < budget, `${elapsed.toFixed(0)} ms for ${text.length} characters`);
}

describe('typing over the public corpus', { skip: existsSync(CORPUS) ? false : `no corpus at ${CORPUS}` }, () => {
  const copy = mkdtempSync(join(tmpdir(), 'cpx-corpus-'));
  after(() => rmSync(copy, { recursive: true, force: true }));
  if (existsSync(CORPUS)) cpSync(CORPUS, copy, { recursive: true });
  for (const file of existsSync(CORPUS) ? files(copy) : []) {
    it(file.slice(copy.length + 1), () => {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      let prefix = '';
      for (const line of lines) {
        prefix += `${line}\n`;
        bounded(prefix, file);
      }
      for (let i = 0; i < lines.length; i++) bounded([...lines.slice(0, i), ...lines.slice(i + 1)].join('\n'), file);
    });
  }
});
