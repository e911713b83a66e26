/** The seed question's template, before and after its CPX-R01 fix, as the map tests and goldens use it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, combineFixes, lintText } from '../../src/core';

export const SEED_DIR = join(__dirname, '..', '..', '..', 'examples', 'seed-question');
export const SEED_PARAMETERS: ReadonlyMap<string, string> = new Map([['AWS::AccountId', '111111111111']]);

export function seedTemplate(): string {
  return readFileSync(join(SEED_DIR, 'template.yaml'), 'utf8');
}

/** The seed template with the first fix of its CPX-R01 finding applied (adds the action role). */
export function fixedSeedTemplate(): string {
  const text = seedTemplate();
  const { findings } = lintText(text, { fileName: 'template.yaml', parameterValues: SEED_PARAMETERS });
  return applyEdits(text, combineFixes(findings.filter((finding) => finding.ruleId === 'CPX-R01').flatMap((finding) => finding.fixes.slice(0, 1))));
}
