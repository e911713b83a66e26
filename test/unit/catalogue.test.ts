import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintText, RULES } from '../../src/core';

const ROOT = join(__dirname, '..', '..', '..');
const HEADINGS = ['## What it finds', '## Why AWS fails', '## Example that fails', '## Example that passes', '## How to fix', '## Sources'];
// The examples are written for a pipeline in the tools account.
const PIPELINE_ACCOUNT = new Map([['AWS::AccountId', '111111111111']]);

function example(doc: string, heading: string): { language: string; code: string } {
  const section = doc.split(heading)[1]?.split('\n## ')[0] ?? '';
  const match = /```(yaml|json)\n([\s\S]*?)```/.exec(section);
  assert.ok(match, `${heading} has a yaml or json block`);
  return { language: match[1], code: match[2] };
}

describe('catalogue', () => {
  it('ids are unique, well formed and sorted', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^CPX-[A-Z]\d{2}$/);
    assert.deepEqual(ids, [...ids].sort());
  });

  it('every rule file is in the catalogue, with a test and a doc; nothing is orphaned', () => {
    const ruleFiles = readdirSync(join(ROOT, 'src/core/rules')).filter((name) => /^CPX-.*\.ts$/.test(name)).map((name) => name.slice(0, -3));
    assert.deepEqual(ruleFiles.sort(), RULES.map((rule) => rule.meta.id));
    for (const id of ruleFiles) {
      assert.ok(existsSync(join(ROOT, 'test/unit/rules', `${id}.test.ts`)), `${id} has tests`);
      assert.ok(existsSync(join(ROOT, 'docs/rules', `${id}.md`)), `${id} has a doc`);
    }
    const docs = readdirSync(join(ROOT, 'docs/rules')).filter((name) => name.startsWith('CPX-')).map((name) => name.slice(0, -3));
    assert.deepEqual(docs.sort(), ruleFiles.sort(), 'no doc without a rule');
    const index = readFileSync(join(ROOT, 'docs/rules/README.md'), 'utf8');
    for (const rule of RULES) assert.ok(index.includes(`[${rule.meta.id}](${rule.meta.id}.md)`), `${rule.meta.id} listed in docs/rules/README.md`);
  });

  for (const rule of RULES) {
    describe(`${rule.meta.id} doc`, () => {
      const doc = readFileSync(join(ROOT, 'docs/rules', `${rule.meta.id}.md`), 'utf8');
      it('has the standard title and headings in order', () => {
        assert.ok(doc.startsWith(`# ${rule.meta.id}: `));
        const positions = HEADINGS.map((heading) => doc.indexOf(`\n${heading}\n`));
        for (const [i, position] of positions.entries()) assert.ok(position > 0, `${HEADINGS[i]} present`);
        assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
      });
      it('its failing example reports the rule, its passing example does not', () => {
        const failing = example(doc, '## Example that fails');
        const passing = example(doc, '## Example that passes');
        const ids = (code: string, language: string): string[] =>
          lintText(code, { fileName: `example.${language}`, parameterValues: PIPELINE_ACCOUNT }).findings.map((finding) => finding.ruleId);
        assert.ok(ids(failing.code, failing.language).includes(rule.meta.id), 'failing example reports the rule');
        assert.ok(!ids(passing.code, passing.language).includes(rule.meta.id), 'passing example does not');
      });
    });
  }
});
