import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, lintText, type Finding } from '../../src/core';

// Properties every fix the product offers must keep, checked on every fixture: the fixed text
// parses, the finding the fix answers is gone, edits stay inside the text and never overlap,
// applying the fix again changes nothing, and the user's comments survive.

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

function inputs(): { name: string; text: string; parameters: Map<string, string> }[] {
  return readdirSync(FIXTURES).sort().flatMap((folder) => {
    const files = readdirSync(join(FIXTURES, folder));
    const options = files.includes('options.json')
      ? JSON.parse(readFileSync(join(FIXTURES, folder, 'options.json'), 'utf8')) as { parameters?: Record<string, string> }
      : {};
    return files.filter((file) => file.startsWith('input.')).map((file) => ({
      name: `${folder}/${file}`, text: readFileSync(join(FIXTURES, folder, file), 'utf8'),
      parameters: new Map(Object.entries(options.parameters ?? {})),
    }));
  });
}

const comments = (text: string): string[] => [...text.matchAll(/(?:^|\s)#\s?(.*)$/gm)].map((match) => match[1].trim()).filter(Boolean);

/** The same finding after the text changed: same rule, same path. */
function stillThere(findings: readonly Finding[], finding: Finding): boolean {
  return findings.some((other) => other.ruleId === finding.ruleId && JSON.stringify(other.path) === JSON.stringify(finding.path) && other.message === finding.message);
}

describe('every fix on every fixture', () => {
  let checked = 0;
  for (const { name, text, parameters } of inputs()) {
    const fileName = name.replace('/', '-');
    const { findings } = lintText(text, { fileName, parameterValues: parameters });
    for (const finding of findings) {
      for (const fix of finding.fixes) {
        it(`${name}: ${finding.ruleId} "${fix.title}"`, () => {
          checked++;
          const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
          sorted.forEach((edit, i) => {
            assert.ok(edit.start >= 0 && edit.end <= text.length && edit.start <= edit.end, 'edit inside the text');
            if (i > 0) assert.ok(sorted[i - 1].end <= edit.start, 'edits do not overlap');
          });
          const fixed = applyEdits(text, fix.edits);
          const after = lintText(fixed, { fileName, parameterValues: parameters }).findings;
          assert.ok(!after.some((other) => other.ruleId === 'CPX-F01'), 'the fixed text parses');
          assert.ok(!stillThere(after, finding), 'the finding the fix answers is gone');
          const samePlace = (other: Finding): boolean => other.ruleId === finding.ruleId && JSON.stringify(other.path) === JSON.stringify(finding.path);
          assert.ok(!after.some((other) => samePlace(other) && other.fixes.some((again) => again.title === fix.title)), 'applying it again changes nothing');
          if (!name.endsWith('.json')) {
            const lost = comments(text).filter((comment) => !fixed.includes(comment));
            assert.deepEqual(lost, [], 'comments survive');
          }
        });
      }
    }
  }
  it('checked a meaningful number of fixes', () => assert.ok(checked >= 10, `${checked} fixes checked`));
});
