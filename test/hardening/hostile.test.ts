import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { lintText } from '../../src/core';

// Hostile inputs, each bounded in time and memory and reported with a clear finding (or none,
// for what is not a template). The figures are printed as test diagnostics.

function measure(t: TestContext, label: string, text: string, fileName: string): string[] {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const { findings } = lintText(text, { fileName });
  const elapsed = performance.now() - started;
  const heapAfter = process.memoryUsage().heapUsed;
  t.diagnostic(`${label}: ${(text.length / 1e6).toFixed(2)} MB, ${elapsed.toFixed(0)} ms, heap +${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB, ${findings.length} finding(s)`);
  assert.ok(elapsed < 5000, `${label} took ${elapsed.toFixed(0)} ms`);
  return findings.map((finding) => finding.ruleId);
}

describe('hostile input', () => {
  it('a YAML alias bomb ("billion laughs")', (t) => {
    const levels = Array.from({ length: 20 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`);
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nl0: &l0 lol\n${levels.join('\n')}\nResources: {}\n`;
    assert.deepEqual(measure(t, 'alias bomb', text, 'bomb.yaml'), []);
  });

  it('10,000 levels of nesting', (t) => {
    assert.deepEqual(measure(t, 'deep YAML', `Resources: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'deep.yaml'), ['CPX-F01']);
    assert.deepEqual(measure(t, 'deep JSON', `{"Resources": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'deep.json'), ['CPX-F01']);
  });

  it('a 10 MB file is reported as too large, not read', (t) => {
    const text = `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${'  # padding to ten megabytes\n'.repeat(360_000)}`;
    assert.deepEqual(measure(t, '10 MB', text, 'huge.yaml'), ['CPX-F01']);
  });

  it('a file that is really binary', (t) => {
    const text = Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    assert.deepEqual(measure(t, 'binary', text, 'blob.json'), []);
  });

  it('a template with 10,000 actions', (t) => {
    const actions = Array.from({ length: 10_000 }, (_, i) => `            - Name: Approve${i}\n              ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}\n              RunOrder: ${1 + (i % 50)}`);
    const text = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/p
      ArtifactStore: {Type: S3, Location: bucket}
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {S3Bucket: b, S3ObjectKey: k}
              OutputArtifacts: [{Name: Src}]
        - Name: Approvals
          Actions:
${actions.join('\n')}
`;
    const ids = measure(t, '10,000 actions', text, 'many.yaml');
    assert.ok(!ids.includes('CPX-F01'));
  });
});
