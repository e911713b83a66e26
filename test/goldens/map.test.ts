import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildAccountMap, lintText, renderAccountMapSvg } from '../../src/core';
import { matchGolden } from '../support/golden';
import { fixedSeedTemplate, SEED_DIR, SEED_PARAMETERS, seedTemplate } from '../support/seed';

// The account maps of the seed question as SVG (test/fixtures-map); the README shows the same
// pictures from docs/images, so both are compared. UPDATE_GOLDENS=1 rewrites them.

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures-map');

function svgOf(text: string, fileName: string): string {
  const { model, findings } = lintText(text, { fileName, parameterValues: SEED_PARAMETERS });
  if (!model?.pipelines[0]) throw new Error(`${fileName}: no pipeline`);
  return renderAccountMapSvg(buildAccountMap(model, model.pipelines[0], findings, { accountNames: new Map([['111111111111', 'tools'], ['000000000000', 'production']]) }));
}

describe('account map goldens', () => {
  const cases: [string, () => string, string | undefined][] = [
    ['seed-template-before', () => svgOf(seedTemplate(), 'template.yaml'), 'account-map-seed-before.svg'],
    ['seed-template-after', () => svgOf(fixedSeedTemplate(), 'template.yaml'), 'account-map-seed-after.svg'],
    ['seed-get-pipeline', () => svgOf(readFileSync(join(SEED_DIR, 'get-pipeline.json'), 'utf8'), 'get-pipeline.json'), undefined],
  ];
  for (const [name, render, image] of cases) {
    it(name, () => {
      const svg = render();
      matchGolden(join(FIXTURES, `${name}.svg`), svg);
      if (image) matchGolden(join(ROOT, 'docs', 'images', image), svg);
    });
  }
});
