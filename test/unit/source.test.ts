import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource, type Node } from '../../src/core/source';

/** The tree as plain data, to compare normalised YAML against JSON. */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  switch (node.kind) {
    case 'scalar': return node.value;
    case 'seq': return node.items.map(plain);
    case 'map': return Object.fromEntries(node.entries.map((entry) => [entry.key, plain(entry.value)]));
    case 'alias': return '*alias';
  }
}

describe('YAML source', () => {
  it('normalises every short tag to its long form, in scalar, sequence and mapping forms', () => {
    const yaml = `a: !Ref X
b: !Sub 'arn:\${AWS::Partition}:iam::\${A}:role/r'
c: !Sub [ '\${V}', {V: !Ref P} ]
d: !GetAtt Role.Arn
e: !GetAtt [Role, Arn]
f: !If [C, !Ref A, !Ref "AWS::NoValue"]
g: !Join ['', [a, !Ref B]]
h: !Select [0, !Split [',', 'x,y']]
i: !FindInMap [M, !Ref K, V]
j: !ImportValue Name
k: !Base64 text
l: !Cidr [ip, 1, 8]
m: !GetAZs ''
n: !Equals [a, b]
o: !And [!Condition C, !Not [!Or [!Condition D, !Condition E]]]
p: !Transform {Name: M, Parameters: {}}
`;
    const tree = plain(parseSource(yaml, 'yaml').root);
    assert.deepEqual(tree, {
      a: { Ref: 'X' },
      b: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${A}:role/r' },
      c: { 'Fn::Sub': ['${V}', { V: { Ref: 'P' } }] },
      d: { 'Fn::GetAtt': ['Role', 'Arn'] },
      e: { 'Fn::GetAtt': ['Role', 'Arn'] },
      f: { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] },
      g: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      h: { 'Fn::Select': [0, { 'Fn::Split': [',', 'x,y'] }] },
      i: { 'Fn::FindInMap': ['M', { Ref: 'K' }, 'V'] },
      j: { 'Fn::ImportValue': 'Name' },
      k: { 'Fn::Base64': 'text' },
      l: { 'Fn::Cidr': ['ip', 1, 8] },
      m: { 'Fn::GetAZs': '' },
      n: { 'Fn::Equals': ['a', 'b'] },
      o: { 'Fn::And': [{ Condition: 'C' }, { 'Fn::Not': [{ 'Fn::Or': [{ Condition: 'D' }, { Condition: 'E' }] }] }] },
      p: { 'Fn::Transform': { Name: 'M', Parameters: {} } },
    });
  });

  it('keeps offsets of keys and values, quotes and tags included', () => {
    const text = "Key: !Sub \"x\"\nOther: 'y'\nBlock: |\n  text\n";
    const root = parseSource(text, 'yaml').root;
    assert.ok(root?.kind === 'map');
    const slices = root.entries.map((entry) => [text.slice(entry.keyStart, entry.keyEnd), text.slice(entry.value.start, entry.value.end)]);
    assert.deepEqual(slices, [['Key', '!Sub "x"'], ['Other', "'y'"], ['Block', '|\n  text']]);
  });

  it('keeps account ids with leading zeros as text', () => {
    assert.deepEqual(plain(parseSource('a: 000000000000\nb: 12\n', 'yaml').root), { a: '000000000000', b: 12 });
  });

  it('reports a syntax error at its position', () => {
    const source = parseSource('a: [1,\nb: c\n', 'yaml');
    assert.equal(source.root, undefined);
    assert.equal(source.problems[0].code, 'syntax');
    assert.ok(source.problems[0].start > 0);
  });

  it('reports duplicate keys with the mapping path and both places', () => {
    const text = 'a:\n  b: 1\n  b: 2\n';
    const [problem] = parseSource(text, 'yaml').problems;
    assert.equal(problem.code, 'duplicate-key');
    assert.deepEqual(problem.mapPath, ['a']);
    assert.equal(problem.start, text.lastIndexOf('b'));
    assert.equal(problem.firstKey?.start, text.indexOf('b'));
  });
});

describe('JSON source', () => {
  it('gives the same tree as YAML for the same data', () => {
    const json = '{"a": {"Fn::Sub": "x"}, "b": [1, true, null]}';
    assert.deepEqual(plain(parseSource(json, 'json').root), { a: { 'Fn::Sub': 'x' }, b: [1, true, null] });
  });

  it('reports duplicate keys and syntax errors', () => {
    assert.equal(parseSource('{"a": 1, "a": 2}', 'json').problems[0].code, 'duplicate-key');
    const broken = parseSource('{"a": }', 'json');
    assert.equal(broken.root, undefined);
    assert.equal(broken.problems[0].start, 6);
  });
});
