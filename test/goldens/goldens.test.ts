import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, combineFixes, lintText } from '../../src/core';
import { drawFindings } from '../support/golden';

// Each folder of test/fixtures holds input.{yaml,json}, optional options.json ({"parameters": {...}}),
// the expected findings drawn under the source (expected.txt) and, when fixes exist, the text after
// applying the first fix of every finding (fixed.<ext>). UPDATE_GOLDENS=1 rewrites the goldens.

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const UPDATE = process.env.UPDATE_GOLDENS === '1';

function compare(file: string, actual: string): void {
  if (UPDATE) {
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `${file} exists (run with UPDATE_GOLDENS=1 to create it)`);
  assert.equal(actual, readFileSync(file, 'utf8'));
}

describe('golden fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    const folder = join(FIXTURES, name);
    const files = readdirSync(folder);
    const input = files.find((file) => file.startsWith('input.'));
    it(name, () => {
      assert.ok(input, 'has an input file');
      const extension = input.slice('input.'.length);
      const text = readFileSync(join(folder, input), 'utf8');
      const options = files.includes('options.json')
        ? JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as { parameters?: Record<string, string> }
        : {};
      const { findings } = lintText(text, { fileName: input, parameterValues: new Map(Object.entries(options.parameters ?? {})) });
      compare(join(folder, 'expected.txt'), drawFindings(text, findings));
      const edits = combineFixes(findings.flatMap((finding) => finding.fixes.slice(0, 1)));
      const fixedFile = join(folder, `fixed.${extension}`);
      if (edits.length === 0) {
        assert.ok(UPDATE || !existsSync(fixedFile), 'no fixed output without fixes');
        return;
      }
      const fixed = applyEdits(text, edits);
      compare(fixedFile, fixed);
      // The fixed text parses, and the findings the fixes answered are gone.
      const after = lintText(fixed, { fileName: input, parameterValues: new Map(Object.entries(options.parameters ?? {})) }).findings;
      assert.ok(!after.some((finding) => finding.ruleId === 'CPX-F01'), 'fixed text parses');
      const answered = findings.filter((finding) => finding.fixes.length > 0).map((finding) => finding.ruleId);
      for (const ruleId of answered) assert.ok(!after.some((finding) => finding.ruleId === ruleId && finding.fixes.length > 0), `${ruleId} fixed`);
    });
  }

  it('no orphaned goldens', () => {
    for (const name of readdirSync(FIXTURES)) {
      const files = readdirSync(join(FIXTURES, name));
      const allowed = new Set(['expected.txt', 'options.json']);
      for (const file of files) {
        assert.ok(file.startsWith('input.') || file.startsWith('fixed.') || allowed.has(file), `${name}/${file} is a known golden`);
      }
      assert.ok(files.some((file) => file.startsWith('input.')), `${name} has an input`);
    }
  });
});
