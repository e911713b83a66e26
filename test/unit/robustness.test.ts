import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lintText } from '../../src/core';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

function inputs(): { name: string; text: string }[] {
  return readdirSync(FIXTURES).flatMap((folder) => readdirSync(join(FIXTURES, folder))
    .filter((file) => file.startsWith('input.'))
    .map((file) => ({ name: `${folder}/${file}`, text: readFileSync(join(FIXTURES, folder, file), 'utf8') })));
}

describe('bad input never throws', () => {
  for (const { name, text } of inputs()) {
    it(`every prefix of ${name}, as if typed`, () => {
      // Every 7th prefix keeps the run fast while still hitting every kind of half-typed token.
      for (let end = 0; end <= text.length; end += end < 200 ? 1 : 7) {
        assert.doesNotThrow(() => lintText(text.slice(0, end), { fileName: name }), `prefix of ${end} characters`);
      }
    });
    it(`every single-line deletion of ${name}`, () => {
      const lines = text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const edited = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
        assert.doesNotThrow(() => lintText(edited, { fileName: name }), `without line ${i + 1}`);
      }
    });
  }

  it('an empty file', () => {
    assert.deepEqual(lintText('', { fileName: 'empty.yaml' }).findings, []);
    assert.deepEqual(lintText('', { fileName: 'empty.json' }).findings, []);
  });

  it('a binary file is not a template', () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)) + 'Resources:';
    assert.deepEqual(lintText(binary, { fileName: 'blob.yaml' }).findings, []);
  });

  it('a 5 MB file is reported as too large and skipped', () => {
    const huge = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n" + '  # padding\n'.repeat(5 * 1024 * 1024 / 12);
    const started = performance.now();
    const { findings } = lintText(huge, { fileName: 'huge.yaml' });
    assert.deepEqual(findings.map((finding) => [finding.ruleId, finding.start, finding.end]), [['CPX-F01', 0, 0]]);
    assert.ok(performance.now() - started < 1000, 'skipping is cheap');
  });

  it('YAML aliases are not expanded (no "billion laughs")', () => {
    const levels = Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`);
    const bomb = `AWSTemplateFormatVersion: '2010-09-09'\nl0: &l0 lol\n${levels.join('\n')}\nResources: {}\n`;
    assert.deepEqual(lintText(bomb, { fileName: 'bomb.yaml' }).findings, []);
  });

  it('a BOM and CRLF line ends keep offsets right', () => {
    const text = "\uFEFFAWSTemplateFormatVersion: '2010-09-09'\r\nResources:\r\n  A: {Type: X}\r\n  A: {Type: Y}\r\n";
    const [finding] = lintText(text, { fileName: 't.yaml' }).findings;
    assert.equal(text.slice(finding.start, finding.end), 'A');
    assert.equal(finding.start, text.lastIndexOf('A:'));
  });
});

describe('hostile nesting', () => {
  for (const [format, open, close, prefix] of [['json', '[', ']', '{"Resources": '], ['yaml', '[', ']', 'Resources: ']] as const) {
    it(`10,000 levels of ${format} are one finding, not a stack overflow`, () => {
      const text = `${prefix}${open.repeat(10_000)}${close.repeat(10_000)}${format === 'json' ? '}' : ''}`;
      const started = performance.now();
      const { findings } = lintText(text, { fileName: `deep.${format}` });
      assert.deepEqual(findings.map((finding) => finding.ruleId), ['CPX-F01']);
      assert.ok(performance.now() - started < 500);
    });
  }
});
