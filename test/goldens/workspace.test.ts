import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, combineFixes, LineIndex, RULES, Workspace, type Finding, type Fix, type TextEdit } from '../../src/core';
import { drawFindings, matchGolden } from '../support/golden';

// Each folder of test/fixtures-workspace holds the files of one workspace linted together (a
// pipeline and the templates of the roles it names), optional options.json ({"parameters": {...}}),
// every file's findings drawn under its source, with related places in other files as `-> file:line`
// (expected.txt), and each file that fixes edit after applying the first fix of every finding that
// goes into it, wherever the finding is (fixed/<file>). UPDATE_GOLDENS=1 rewrites the goldens.

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures-workspace');
const GOLDENS = new Set(['expected.txt', 'options.json', 'fixed']);

function lintAll(files: ReadonlyMap<string, string>, parameterValues: ReadonlyMap<string, string>): Map<string, Finding[]> {
  const space = new Workspace({ rules: RULES, parameterValues });
  for (const [name, text] of files) space.set(name, text);
  return new Map([...files.keys()].map((name) => [name, space.lint(name).findings]));
}

describe('workspace golden fixtures', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name, () => {
      const folder = join(FIXTURES, name);
      const entries = readdirSync(folder);
      const files = new Map(entries.filter((file) => !GOLDENS.has(file)).sort().map((file) => [file, readFileSync(join(folder, file), 'utf8')]));
      const options = entries.includes('options.json')
        ? JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as { parameters?: Record<string, string> }
        : {};
      const parameterValues = new Map(Object.entries(options.parameters ?? {}));
      const findings = lintAll(files, parameterValues);
      const lineIn = (file: string, offset: number): number => new LineIndex(files.get(file) ?? '').position(offset).line + 1;
      const elsewhere = (finding: Finding): string => finding.related.flatMap((item) => (item.fileName ? [` -> ${item.fileName}:${lineIn(item.fileName, item.start)}`] : [])).join('');
      matchGolden(join(folder, 'expected.txt'), [...files].map(([file, text]) => `== ${file}\n${drawFindings(text, findings.get(file) ?? [], elsewhere)}`).join('\n'));

      // The first fix of every finding, by the file it edits (its own file unless it names another).
      const offered: { file: string; finding: Finding; fix: Fix }[] = [];
      const fixesByFile = new Map<string, Fix[]>();
      for (const [file, found] of findings) {
        for (const finding of found) {
          const [fix] = finding.fixes;
          if (!fix) continue;
          offered.push({ file, finding, fix });
          const target = fix.fileName ?? file;
          // Against one text, a fix is a fix of that file, whichever file's finding offered it.
          fixesByFile.set(target, [...(fixesByFile.get(target) ?? []), { ...fix, fileName: undefined }]);
        }
      }
      assert.ok(offered.some(({ fix }) => fix.fileName !== undefined), 'a fix edits another file');
      const fixed = new Map(files);
      const applied = new Set<TextEdit>();
      for (const [file, fixes] of fixesByFile) {
        const edits = combineFixes(fixes);
        for (const edit of edits) applied.add(edit);
        fixed.set(file, applyEdits(files.get(file) ?? '', edits));
        matchGolden(join(folder, 'fixed', file), fixed.get(file) ?? '');
      }
      // The fixed files parse, and the findings whose fixes went in are gone (a fix that touched
      // text another one changed is left for the next round, as in the editor's "fix all").
      const after = lintAll(fixed, parameterValues);
      for (const [file, found] of after) assert.ok(!found.some((finding) => finding.ruleId === 'CPX-F01'), `${file} parses`);
      for (const { file, finding, fix } of offered) {
        if (!fix.edits.every((edit) => applied.has(edit))) continue;
        const samePlace = (other: Finding): boolean => other.ruleId === finding.ruleId && JSON.stringify(other.path) === JSON.stringify(finding.path);
        assert.ok(!(after.get(file) ?? []).some((other) => samePlace(other) && other.fixes.some((again) => again.title === fix.title)), `${file}: ${finding.ruleId} fixed`);
      }
    });
  }

  it('no orphaned goldens', () => {
    for (const name of readdirSync(FIXTURES)) {
      const fixed = readdirSync(join(FIXTURES, name)).includes('fixed') ? readdirSync(join(FIXTURES, name, 'fixed')) : [];
      for (const file of fixed) assert.ok(readdirSync(join(FIXTURES, name)).includes(file), `${name}/fixed/${file} is the fixed form of a file of the workspace`);
    }
  });
});
