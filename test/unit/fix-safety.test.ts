import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, lintText, RULES, Workspace, type Finding, type Fix } from '../../src/core';
import { artifactPipeline, toJson } from '../support/artifacts';
import { CI_PIPELINE, DEPLOYER_STACK, DEV_ROLES, PASS_ROLE, PIPELINE_ACCOUNT, TRUST_CI, TRUST_CLOUDFORMATION } from '../support/workspace';

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

/** Edits inside the text they are made against, none overlapping another. */
function assertEditsFit(text: string, fix: Fix): void {
  const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
  sorted.forEach((edit, i) => {
    assert.ok(edit.start >= 0 && edit.end <= text.length && edit.start <= edit.end, 'edit inside the text');
    if (i > 0) assert.ok(sorted[i - 1].end <= edit.start, 'edits do not overlap');
  });
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
          assert.equal(fix.fileName, undefined, 'one file linted alone is the only file a fix can edit');
          assertEditsFit(text, fix);
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

/** A pipeline and the templates of the roles it names, broken in the ways the fixes into those templates answer. */
const BROKEN_ROLES = DEV_ROLES.replace(TRUST_CI, 'Service: codepipeline.amazonaws.com  # copied from the pipeline role')
  .replace(PASS_ROLE, '').replace(TRUST_CLOUDFORMATION, 'AWS: !Ref CIAccountId');
const WORKSPACES: readonly (Readonly<Record<string, string>> & { 'ci.yaml': string })[] = [
  { 'ci.yaml': CI_PIPELINE, 'dev.yaml': BROKEN_ROLES },
  { 'ci.yaml': CI_PIPELINE, 'dev.json': toJson(BROKEN_ROLES) },
  { 'ci.yaml': artifactPipeline(), 'dev.yaml': DEPLOYER_STACK },
  { 'ci.yaml': artifactPipeline(), 'dev.json': toJson(DEPLOYER_STACK) },
];

function lintWorkspace(files: Readonly<Record<string, string>>): Workspace {
  const space = new Workspace({ rules: RULES, parameterValues: PIPELINE_ACCOUNT });
  for (const [name, text] of Object.entries(files)) space.set(name, text);
  return space;
}

describe('every fix of a pipeline linted with the templates of its roles', () => {
  let intoOtherFiles = 0;
  for (const files of WORKSPACES) {
    const roleFile = Object.keys(files).find((name) => name !== 'ci.yaml') ?? '';
    for (const finding of lintWorkspace(files).lint('ci.yaml').findings) {
      for (const fix of finding.fixes) {
        it(`${roleFile}: ${finding.ruleId} "${fix.title}"`, () => {
          // A fix into another file is applied to that file's text, and the pipeline linted again.
          const target = fix.fileName ?? 'ci.yaml';
          if (fix.fileName !== undefined) intoOtherFiles++;
          const text = files[target];
          assert.ok(text !== undefined, `${target} is a file of the workspace`);
          assertEditsFit(text, fix);
          const fixed = applyEdits(text, fix.edits);
          const space = lintWorkspace({ ...files, [target]: fixed });
          assert.ok(!space.lint(target).findings.some((other) => other.ruleId === 'CPX-F01'), 'the fixed text parses');
          const after = space.lint('ci.yaml').findings;
          assert.ok(!stillThere(after, finding), 'the finding the fix answers is gone');
          const samePlace = (other: Finding): boolean => other.ruleId === finding.ruleId && JSON.stringify(other.path) === JSON.stringify(finding.path);
          assert.ok(!after.some((other) => samePlace(other) && other.fixes.some((again) => again.title === fix.title)), 'applying it again changes nothing');
          if (!target.endsWith('.json')) assert.deepEqual(comments(text).filter((comment) => !fixed.includes(comment)), [], 'comments survive');
        });
      }
    }
  }
  it('checked fixes into the role templates', () => assert.ok(intoOtherFiles >= 8, `${intoOtherFiles} fixes into other files checked`));
});
