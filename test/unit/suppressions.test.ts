import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, lintText, renderFix, suppressionFixes, type Finding } from '../../src/core';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const ACCOUNT = new Map([['AWS::AccountId', '111111111111']]);
const template = readFileSync(join(EXAMPLES, 'seed-question', 'template.yaml'), 'utf8');
const json = readFileSync(join(EXAMPLES, 'seed-question', 'get-pipeline.json'), 'utf8');

function ids(text: string, fileName = 't.yaml'): string[] {
  return lintText(text, { fileName, parameterValues: ACCOUNT }).findings.map((finding) => finding.ruleId);
}

function applySuppression(text: string, title: RegExp, fileName = 't.yaml'): string {
  const { model, findings } = lintText(text, { fileName, parameterValues: ACCOUNT });
  assert.ok(model);
  const finding = findings.find((candidate: Finding) => candidate.ruleId === 'CPX-R01');
  assert.ok(finding);
  const descriptor = suppressionFixes(model, finding).find((fix) => title.test(fix.title));
  assert.ok(descriptor, `a fix titled ${title}`);
  const fix = renderFix(model.source, descriptor);
  assert.ok(fix);
  return applyEdits(text, fix.edits);
}

describe('suppressions', () => {
  it('Metadata on the resource silences the rule there; the fix writes it, and a second time changes nothing', () => {
    assert.deepEqual(ids(template), ['CPX-R01']);
    const fixed = applySuppression(template, /^Suppress CPX-R01 for Pipeline$/);
    assert.ok(fixed.endsWith('                - Name: BuildArtifact\n    Metadata: {cpx-lint: {ignore: [CPX-R01]}}\n'));
    assert.deepEqual(ids(fixed), []);
    // The same finding against the fixed text: the resource already lists the rule.
    const original = lintText(template, { fileName: 't.yaml', parameterValues: ACCOUNT }).findings[0];
    const { model } = lintText(fixed, { fileName: 't.yaml' });
    assert.ok(model);
    const again = suppressionFixes(model, original).find((fix) => fix.title.endsWith('for Pipeline'));
    assert.equal(again, undefined);
  });

  it('extends an existing ignore list', () => {
    const withList = template.replace('  Pipeline:\n    Type: AWS::CodePipeline::Pipeline\n', '  Pipeline:\n    Type: AWS::CodePipeline::Pipeline\n    Metadata:\n      cpx-lint:\n        ignore:\n          - CPX-R99\n');
    const fixed = applySuppression(withList, /for Pipeline$/);
    assert.ok(fixed.includes('        ignore:\n          - CPX-R99\n          - CPX-R01\n'));
    assert.deepEqual(ids(fixed), []);
  });

  it('a comment on the line above silences one rule on that line', () => {
    const fixed = applySuppression(template, /for this line$/);
    assert.ok(fixed.includes('                # cpx-lint-disable-next-line CPX-R01\n                RoleArn: !Sub'));
    assert.deepEqual(ids(fixed), []);
    assert.deepEqual(ids(fixed.replace('disable-next-line CPX-R01', 'disable-next-line CPX-R02')), ['CPX-R01'], 'only the rules it names');
    assert.deepEqual(ids(template.replace('role/role-to-assume', 'role/role-to-assume # cpx-lint-disable-line')), [], 'trailing form, every rule');
  });

  it('JSON has no comments: only resource metadata is offered', () => {
    const { model, findings } = lintText(json, { fileName: 'p.json' });
    assert.ok(model);
    assert.deepEqual(suppressionFixes(model, findings[0]), []);
  });

  it('severity overrides change or drop a rule', () => {
    const overridden = (override: 'off' | 'info') =>
      lintText(json, { fileName: 'p.json', severityOverrides: new Map([['CPX-R01', override]]) }).findings
        .filter((finding) => finding.ruleId === 'CPX-R01').map((finding) => `${finding.ruleId}:${finding.severity}`);
    assert.deepEqual(overridden('info'), ['CPX-R01:info']);
    assert.deepEqual(overridden('off'), []);
  });
});
