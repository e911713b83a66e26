import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hoverAt, lintText } from '../../src/core';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

describe('hover', () => {
  it('names the CloudFormation role, its account and the finding on Configuration.RoleArn', () => {
    const text = readFileSync(join(EXAMPLES, 'seed-question', 'get-pipeline.json'), 'utf8');
    const { model, findings } = lintText(text, { fileName: 'get-pipeline.json' });
    assert.ok(model);
    const offset = text.indexOf('arn:aws:iam::000000000000:role/role-to-assume');
    const info = hoverAt(model, offset, findings);
    assert.ok(info);
    assert.equal(text.slice(info.start, info.end), '"arn:aws:iam::000000000000:role/role-to-assume"');
    assert.match(info.markdown, /CloudFormation role/);
    assert.match(info.markdown, /\*\*000000000000\*\*/);
    assert.match(info.markdown, /CPX-R01/);
  });

  it('says why an account is unknown and how to give it', () => {
    const text = readFileSync(join(EXAMPLES, 'seed-answer', 'ci-account.yaml'), 'utf8').replace("    Default: '333333333333'\n", '');
    const { model, findings } = lintText(text, { fileName: 't.yaml' });
    assert.ok(model);
    const info = hoverAt(model, text.indexOf('role/cross-account-role" # the pipeline'), findings);
    assert.match(info?.markdown ?? '', /cpxLint\.accounts/);
  });

  it('has nothing to say outside role fields', () => {
    const text = readFileSync(join(EXAMPLES, 'seed-question', 'get-pipeline.json'), 'utf8');
    const { model, findings } = lintText(text, { fileName: 'get-pipeline.json' });
    assert.ok(model);
    assert.equal(hoverAt(model, text.indexOf('"stages"'), findings), undefined);
  });
});

describe('hover on Fn::Sub', () => {
  it('shows the resolved value, with known parameters filled in', () => {
    const text = "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Prod: {Type: String, Default: '222222222222'}\n  Other: {Type: String}\nResources: {}\nOutputs:\n  A: {Value: !Sub 'arn:${AWS::Partition}:iam::${Prod}:role/${Other}'}\n";
    const { model } = lintText(text, { fileName: 't.yaml', parameterValues: new Map([['AWS::AccountId', '111111111111']]) });
    assert.ok(model);
    const info = hoverAt(model, text.indexOf('role/${Other}'), []);
    assert.ok(info);
    assert.equal(text.slice(info.start, info.end), "!Sub 'arn:${AWS::Partition}:iam::${Prod}:role/${Other}'");
    assert.match(info.markdown, /`arn:\$\{AWS::Partition\}:iam::222222222222:role\/\$\{Other\}`/);
  });
});

describe('hover on keys and policy principals', () => {
  const text = readFileSync(join(EXAMPLES, 'seed-answer', 'ci-account.yaml'), 'utf8');
  const { model, findings } = lintText(text, { fileName: 'ci.yaml', parameterValues: new Map([['AWS::AccountId', '111111111111']]) });

  it('names the artifact store key and why its ARN matters', () => {
    assert.ok(model);
    const offset = text.indexOf('!GetAtt KMSKey.Arn');
    const info = hoverAt(model, offset, findings);
    assert.ok(info);
    assert.equal(text.slice(info.start, info.end), '!GetAtt KMSKey.Arn');
    assert.match(info.markdown, /Artifact store key/);
    assert.match(info.markdown, /\*\*111111111111\*\*/);
  });

  it('names the account of a key policy principal, with its friendly name, and the statement\'s actions', () => {
    assert.ok(model);
    const offset = text.indexOf('${DevAccountId}:root');
    const info = hoverAt(model, offset, findings, new Map([['333333333333', 'dev']]));
    assert.ok(info);
    assert.match(info.markdown, /Key policy principal/);
    assert.match(info.markdown, /\*\*333333333333[^*]*\*\* \(dev\)/);
    assert.match(info.markdown, /kms:Decrypt/);
  });

  it('names the account of a bucket policy principal', () => {
    assert.ok(model);
    const info = hoverAt(model, text.indexOf('${DevAccountId}:role/cloudformation-role"\n'), findings);
    assert.match(info?.markdown ?? '', /Bucket policy principal/);
  });
});
