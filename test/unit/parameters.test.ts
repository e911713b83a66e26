import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSamConfigFile, parseParameterFile } from '../../src/core';

const entries = (values: Map<string, string>): [string, string][] => [...values];

describe('parameter files', () => {
  it('reads CloudFormation and CodePipeline JSON', () => {
    assert.deepEqual(entries(parseParameterFile('[{"ParameterKey": "A", "ParameterValue": "1"}, {"ParameterKey": "B", "ParameterValue": 2}]')), [['A', '1'], ['B', '2']]);
    assert.deepEqual(entries(parseParameterFile('{"Parameters": {"A": "1", "Nested": {}}}', { fileName: 'config.json' })), [['A', '1']]);
  });

  it('picks the SAM CLI format by the .toml file name', () => {
    assert.equal(isSamConfigFile('samconfig.toml'), true);
    assert.equal(isSamConfigFile('deploy/SAMCONFIG.TOML'), true);
    assert.equal(isSamConfigFile('samconfig.json'), false);
  });
});

describe('samconfig.toml', () => {
  const read = (text: string, configEnv?: string): [string, string][] => entries(parseParameterFile(text, { fileName: 'samconfig.toml', configEnv }));

  it('reads parameter_overrides of [default.deploy.parameters] as a string, with quoted values', () => {
    const text = `version = 0.1
[default.deploy.parameters]
stack_name = "app"
parameter_overrides = "ProdAccountId=222222222222 Stage=\\"blue green\\" Note='single quoted' Empty= ParameterKey=Old,ParameterValue=style"
`;
    assert.deepEqual(read(text), [['ProdAccountId', '222222222222'], ['Stage', 'blue green'], ['Note', 'single quoted'], ['Empty', ''], ['Old', 'style']]);
  });

  it('reads an array of Key=Value strings', () => {
    const text = '[default.deploy.parameters]\nparameter_overrides = ["ProdAccountId=222222222222", "Stage=\\"blue green\\""]\n';
    assert.deepEqual(read(text), [['ProdAccountId', '222222222222'], ['Stage', 'blue green']]);
  });

  it('unescapes only what the SAM CLI does: a backslash before a space or a quote', () => {
    const overrides = String.raw`Pattern=^\d+$ Path=C:\x Spaced=a\ b Quoted="say \"hi\" \d" Single='it\'s \d' Slashes="a\\b"`;
    const text = `[default.deploy.parameters]\nparameter_overrides = '''${overrides}'''\n`;
    assert.deepEqual(read(text), [
      ['Pattern', String.raw`^\d+$`], ['Path', String.raw`C:\x`], ['Spaced', 'a b'], ['Quoted', String.raw`say "hi" \d`], ['Single', String.raw`it's \d`], ['Slashes', String.raw`a\\b`],
    ]);
  });

  it('an apostrophe inside an unquoted value is part of it', () => {
    const text = `[default.deploy.parameters]\nparameter_overrides = "Name=O'Brien Other=x'"\n`;
    assert.deepEqual(read(text), [['Name', "O'Brien"], ['Other', "x'"]]);
  });

  it('takes the environment given, deploy before global, without merging the two', () => {
    const text = `[default.global.parameters]
parameter_overrides = "ProdAccountId=111111111111 Stage=dev"

[prod.global.parameters]
parameter_overrides = "ProdAccountId=333333333333 Stage=global"

[prod.deploy.parameters]
parameter_overrides = "ProdAccountId=222222222222"
`;
    assert.deepEqual(read(text), [['ProdAccountId', '111111111111'], ['Stage', 'dev']], 'default: only global');
    assert.deepEqual(read(text, 'prod'), [['ProdAccountId', '222222222222']], 'prod: deploy wins over global');
  });

  it('an environment without parameter_overrides gives no values', () => {
    assert.deepEqual(read('[default.deploy.parameters]\nstack_name = "app"\n'), []);
  });

  it('explains what is wrong: malformed TOML, a missing environment, malformed overrides', () => {
    assert.throws(() => read('[default.deploy.parameters]\nparameter_overrides = "A=1\n'), /^Error: not valid TOML \(line 2, column \d+\): /);
    assert.throws(() => read('[default.deploy.parameters]\nstack_name = "app"\n', 'prod'), /no environment 'prod' .*\(it has default\)/);
    assert.throws(() => read('[default.deploy.parameters]\nparameter_overrides = 42\n'), /must be a string or an array/);
    assert.throws(() => read('[default.deploy.parameters]\nparameter_overrides = "A=1 justaword"\n'), /expected Key=Value at 'justaword'/);
  });
});
