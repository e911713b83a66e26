import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lint, LineIndex, type Finding, type Rule } from '../../src/core';

/** A finding as a test expects it: the rule id, where it starts, and the exact text it underlines. */
export interface ExpectedFinding {
  readonly ruleId?: string;
  readonly line: number;
  readonly column?: number;
  readonly text?: string;
  readonly severity?: Finding['severity'];
}

export interface ValidCase {
  readonly name: string;
  readonly code: string;
  readonly fileName?: string;
  readonly parameters?: Readonly<Record<string, string>>;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedFinding[];
  /** The text after applying the fix titled `fix` (or the first fix); `null` when no fix is offered. */
  readonly output?: string | null;
  readonly fix?: string;
}

function run(rule: Rule, testCase: ValidCase): { findings: Finding[]; index: LineIndex } {
  const result = lint(testCase.code, {
    fileName: testCase.fileName ?? 'template.yaml',
    rules: [rule],
    parameterValues: new Map(Object.entries(testCase.parameters ?? {})),
  });
  // A case that does not parse would pass as valid without the rule ever looking at it.
  if (rule.meta.id !== 'CPX-F01') assert.deepEqual(result.model?.source.problems.filter((problem) => problem.code === 'syntax') ?? [], [], 'the case parses');
  return { findings: result.findings.filter((finding) => finding.ruleId === rule.meta.id), index: new LineIndex(testCase.code) };
}

/** ESLint's RuleTester, for our rules: valid cases report nothing, invalid ones exactly what they list. */
export function ruleTester(rule: Rule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const { findings } = run(rule, testCase);
        assert.deepEqual(findings.map((finding) => `${finding.ruleId} ${finding.message}`), []);
      });
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const { findings, index } = run(rule, testCase);
        const actual = findings.map((finding) => {
          const start = index.position(finding.start);
          return {
            ruleId: finding.ruleId, line: start.line + 1, column: start.character + 1,
            text: testCase.code.slice(finding.start, finding.end), severity: finding.severity,
          };
        });
        const expected = testCase.errors.map((error, i) => ({
          ruleId: error.ruleId ?? rule.meta.id,
          line: error.line,
          column: error.column ?? actual[i]?.column,
          text: error.text ?? actual[i]?.text,
          severity: error.severity ?? actual[i]?.severity,
        }));
        assert.deepEqual(actual, expected);
        if (testCase.output === undefined) return;
        const fixes = findings.flatMap((finding) => finding.fixes);
        const fix = testCase.fix ? fixes.find((candidate) => candidate.title === testCase.fix) : fixes[0];
        if (testCase.output === null) {
          assert.equal(fix, undefined, 'no fix expected');
          return;
        }
        assert.ok(fix, `fix '${testCase.fix ?? '(first)'}' offered`);
        const fixed = applyEdits(testCase.code, fix.edits);
        assert.equal(fixed, testCase.output);
        // Applying the fix again changes nothing: the finding it answered is gone, and so is the fix.
        const again = run(rule, { ...testCase, code: fixed });
        assert.equal(again.findings.flatMap((finding) => finding.fixes).filter((candidate) => candidate.title === fix.title).length, 0);
      });
    }
  });
}
