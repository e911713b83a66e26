/**
 * The injection grammars in syntaxes/, run as VS Code runs them: vscode-textmate with the
 * Oniguruma WebAssembly build, on top of VS Code's YAML and JSON grammars (as shipped by the
 * tm-grammars package), injected by the `injectTo` entries of package.json.
 *
 * For every input in test/grammar/, each line's tokens and scopes are compared with
 * test/grammar/<input>.snap (`UPDATE_SNAPSHOTS=1` rewrites them), and the tokens that matter
 * are checked by name, so a snapshot updated by mistake still fails when the injection stops matching.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
const INPUTS = join(ROOT, 'test/grammar');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

// The parts of vscode-textmate and vscode-oniguruma this test uses, typed here.
interface Token { readonly startIndex: number; readonly endIndex: number; readonly scopes: readonly string[] }
interface StateStack { readonly depth: number }
interface Grammar { tokenizeLine(line: string, state: StateStack | null): { tokens: Token[]; ruleStack: StateStack } }
interface RegistryOptions {
  onigLib: Promise<{ createOnigScanner(patterns: string[]): unknown; createOnigString(text: string): unknown }>;
  loadGrammar(scopeName: string): Promise<unknown>;
  getInjections?(scopeName: string): string[] | undefined;
}
interface TextMate {
  Registry: new (options: RegistryOptions) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
  INITIAL: StateStack;
  parseRawGrammar(content: string, filePath?: string): unknown;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer | ArrayBufferView): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

function load<T>(name: string): T | undefined {
  try {
    return require(name) as T;
  } catch {
    return undefined;
  }
}
function resolve(name: string): string | undefined {
  try {
    return require.resolve(name);
  } catch {
    return undefined;
  }
}

const textmate = load<TextMate>('vscode-textmate');
const oniguruma = load<Oniguruma>('vscode-oniguruma');
const BASE_GRAMMARS: Record<string, string | undefined> = {
  'source.yaml': resolve('tm-grammars/grammars/yaml.json'),
  'source.json': resolve('tm-grammars/grammars/json.json'),
};
const WASM = resolve('vscode-oniguruma/release/onig.wasm');
const missing = [
  !textmate && 'vscode-textmate', !oniguruma && 'vscode-oniguruma', !BASE_GRAMMARS['source.yaml'] && 'tm-grammars',
].filter((name): name is string => typeof name === 'string');

// ---------------------------------------------------------------------------------------------
// The grammars as package.json contributes them
// ---------------------------------------------------------------------------------------------

interface GrammarContribution { readonly scopeName: string; readonly path: string; readonly injectTo?: readonly string[] }

const INJECTIONS_EXPECTED: readonly GrammarContribution[] = [
  { scopeName: 'cloudformation.injection.yaml', path: './syntaxes/cloudformation-yaml.injection.tmLanguage.json', injectTo: ['source.yaml'] },
  { scopeName: 'cloudformation.injection.json', path: './syntaxes/cloudformation-json.injection.tmLanguage.json', injectTo: ['source.json', 'source.json.comments'] },
];

function contributedInjections(): readonly GrammarContribution[] | undefined {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } };
  const grammars = manifest.contributes?.grammars?.filter((grammar) => (grammar.injectTo ?? []).length > 0);
  return grammars && grammars.length > 0 ? grammars : undefined;
}

function rawGrammar(path: string): { scopeName: string; injectionSelector?: string; [key: string]: unknown } {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { scopeName: string; injectionSelector?: string };
}

// ---------------------------------------------------------------------------------------------
// Tokenising
// ---------------------------------------------------------------------------------------------

interface Line { readonly text: string; readonly tokens: ReadonlyArray<{ readonly text: string; readonly scopes: readonly string[] }> }

let onigLoaded: Promise<void> | undefined;

async function grammarFor(rootScope: string, injections: readonly GrammarContribution[]): Promise<Grammar> {
  assert.ok(textmate && oniguruma && WASM);
  const tm = textmate;
  const onig = oniguruma;
  onigLoaded ??= onig.loadWASM(readFileSync(WASM));
  await onigLoaded;
  const files = new Map<string, string>();
  for (const [scope, file] of Object.entries(BASE_GRAMMARS)) if (file) files.set(scope, file);
  for (const injection of injections) files.set(injection.scopeName, join(ROOT, injection.path));
  const registry = new tm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns) => new onig.OnigScanner(patterns), createOnigString: (text) => new onig.OnigString(text) }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => injections.filter((injection) => injection.injectTo?.includes(scopeName)).map((injection) => injection.scopeName),
  });
  const grammar = await registry.loadGrammar(rootScope);
  assert.ok(grammar, `grammar ${rootScope} loads`);
  return grammar;
}

function tokenize(grammar: Grammar, text: string): Line[] {
  let state: StateStack = textmate!.INITIAL;
  const lines: Line[] = [];
  for (const line of text.replace(/\n$/, '').split(/\r?\n/)) {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    lines.push({ text: line, tokens: result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes })) });
  }
  return lines;
}

/** One line of source, then one line per token: its text and its scopes (without the root scope). */
function render(lines: readonly Line[]): string {
  const out: string[] = [];
  for (const line of lines) {
    out.push(`> ${line.text}`);
    for (const token of line.tokens) {
      if (token.text === '') continue;
      out.push(`  ${JSON.stringify(token.text).padEnd(24)} ${token.scopes.slice(1).join(' ')}`.trimEnd());
    }
  }
  return out.join('\n') + '\n';
}

/** The scopes of the `nth` token reading `tokenText` on the first line that contains `lineMarker`. */
function scopesOf(lines: readonly Line[], lineMarker: string, tokenText: string, nth = 0): readonly string[] {
  const line = lines.find((candidate) => candidate.text.includes(lineMarker));
  assert.ok(line, `a line contains ${JSON.stringify(lineMarker)}`);
  const tokens = line.tokens.filter((token) => token.text === tokenText);
  assert.ok(tokens[nth], `${JSON.stringify(tokenText)} is a token of ${JSON.stringify(line.text)}; tokens: ${JSON.stringify(line.tokens.map((token) => token.text))}`);
  return tokens[nth].scopes;
}

/** The scopes at the first character of `text` on the first line that contains `lineMarker` (base grammars may split tokens). */
function scopesAt(lines: readonly Line[], lineMarker: string, text: string): readonly string[] {
  const line = lines.find((candidate) => candidate.text.includes(lineMarker));
  assert.ok(line, `a line contains ${JSON.stringify(lineMarker)}`);
  const offset = line.text.indexOf(text);
  assert.ok(offset >= 0, `${JSON.stringify(text)} is on ${JSON.stringify(line.text)}`);
  let start = 0;
  for (const token of line.tokens) {
    if (offset < start + token.text.length) return token.scopes;
    start += token.text.length;
  }
  assert.fail(`no token at ${offset} of ${JSON.stringify(line.text)}`);
}

function lineScopes(lines: readonly Line[], lineMarker: string): string[] {
  const line = lines.find((candidate) => candidate.text.includes(lineMarker));
  assert.ok(line, `a line contains ${JSON.stringify(lineMarker)}`);
  return line.tokens.flatMap((token) => token.scopes);
}

const TAG = 'support.function.intrinsic.cloudformation';
const VARIABLE = 'variable.other.substitution.cloudformation';
const PSEUDO = 'variable.language.pseudo-parameter.cloudformation';
const BEGIN = 'punctuation.definition.template-expression.begin.cloudformation';
const END = 'punctuation.definition.template-expression.end.cloudformation';
const LITERAL = 'constant.character.escape.literal.cloudformation';
const TAGS = ['Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform'];

function assertScope(scopes: readonly string[], scope: string, what: string): void {
  assert.ok(scopes.includes(scope), `${what} has ${scope}; got ${scopes.join(' ')}`);
}
function assertNoInjectedScope(scopes: readonly string[], what: string): void {
  const injected = scopes.filter((scope) => scope.endsWith('.cloudformation'));
  assert.deepEqual(injected, [], `${what} has no CloudFormation scope`);
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

describe('injection grammars', () => {
  if (missing.length > 0) {
    // Locally, before `npm ci` has brought the devDependencies, say so; on CI they must be there.
    const reason = `needs the devDependencies ${missing.join(', ')} (npm ci)`;
    if (process.env.CI) it('has its dependencies', () => assert.fail(reason));
    else it(`skipped: ${reason}`, { skip: reason }, () => undefined);
    return;
  }

  const contributed = contributedInjections();
  const injections = contributed ?? INJECTIONS_EXPECTED;

  it('package.json contributes both injections, with injectTo and a path that exists', (t) => {
    if (!contributed) {
      if (process.env.CI) assert.fail('package.json has no contributes.grammars with injectTo');
      t.skip('package.json has no contributes.grammars yet: testing the expected entries');
      return;
    }
    for (const expected of INJECTIONS_EXPECTED) {
      const entry = contributed.find((grammar) => grammar.scopeName === expected.scopeName);
      assert.ok(entry, `contributes.grammars has ${expected.scopeName}`);
      assert.ok(existsSync(join(ROOT, entry.path)), `${entry.path} exists`);
      for (const scope of expected.injectTo ?? []) assert.ok(entry.injectTo?.includes(scope), `${expected.scopeName} is injected into ${scope}`);
    }
  });

  it('each grammar file names the scope it is contributed as, and injects with L: outside comments and strings', () => {
    for (const injection of injections) {
      const grammar = rawGrammar(injection.path);
      assert.equal(grammar.scopeName, injection.scopeName);
      assert.match(grammar.injectionSelector ?? '', /^L:source\.(yaml|json) -comment -string$/);
    }
  });

  it('every regular expression compiles in Oniguruma (one bad pattern blanks the whole YAML/JSON highlighting)', async () => {
    await grammarFor('source.yaml', injections);
    const patterns: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof child === 'string') {
            // End patterns refer to begin captures (\1), which vscode-textmate fills in before compiling.
            patterns.push(key === 'end' || key === 'while' ? child.replace(/\\(\d+)/g, 'x') : child);
          } else walk(child);
        }
      }
    };
    for (const injection of injections) walk(rawGrammar(injection.path));
    assert.ok(patterns.length > 10);
    for (const pattern of patterns) assert.doesNotThrow(() => new oniguruma!.OnigScanner([pattern]), pattern);
  });

  const inputs = readdirSync(INPUTS).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();

  it('every snapshot has its input', () => {
    const snapshots = readdirSync(INPUTS).filter((name) => name.endsWith('.snap'));
    assert.deepEqual(snapshots.map((name) => name.slice(0, -'.snap'.length)).sort(), inputs);
  });

  const tokenized = new Map<string, Line[]>();
  const baseOnly = new Map<string, Line[]>();
  before(async () => {
    for (const input of inputs) {
      const root = input.endsWith('.json') ? 'source.json' : 'source.yaml';
      const text = readFileSync(join(INPUTS, input), 'utf8');
      tokenized.set(input, tokenize(await grammarFor(root, injections), text));
      baseOnly.set(input, tokenize(await grammarFor(root, []), text));
    }
  });

  for (const input of inputs) {
    it(`${input} tokenises as in ${input}.snap`, () => {
      const actual = render(tokenized.get(input)!);
      const file = join(INPUTS, `${input}.snap`);
      if (UPDATE || !existsSync(file)) {
        writeFileSync(file, actual);
        if (!UPDATE) assert.fail(`${input}.snap did not exist and was written: check it, then run again`);
        return;
      }
      assert.equal(actual, readFileSync(file, 'utf8'), `tokens of ${input} changed (UPDATE_SNAPSHOTS=1 rewrites the snapshot)`);
    });

    it(`${input}: the base grammar alone gives none of these scopes (the injection is what adds them)`, () => {
      assertNoInjectedScope(baseOnly.get(input)!.flatMap((line) => line.tokens.flatMap((token) => token.scopes)), `${input} without the injection`);
    });
  }

  describe('YAML (intrinsics.yaml)', () => {
    const lines = (): Line[] => tokenized.get('intrinsics.yaml')!;

    it('every short-form intrinsic tag is a support.function', () => {
      for (const tag of TAGS) {
        const all = lines().flatMap((line) => line.tokens).filter((token) => token.text === `!${tag}`);
        assert.ok(all.length > 0, `!${tag} appears in the input`);
        for (const token of all) assertScope(token.scopes, TAG, `!${tag}`);
      }
    });

    const substitutions: ReadonlyArray<readonly [string, string, string, string]> = [
      ['plain scalar', 'Value: !Sub arn:', 'AWS::Partition', PSEUDO],
      ['plain scalar', 'Value: !Sub arn:', 'Bucket', VARIABLE],
      ['single-quoted', "role/it''s", 'ProdAccountId', VARIABLE],
      ['double-quoted', '${Role.Arn}', 'Role', VARIABLE],
      ['double-quoted attribute', '${Role.Arn}', 'Arn', 'variable.other.property.cloudformation'],
      ['literal block', 'echo ${AWS::StackName}', 'AWS::StackName', PSEUDO],
      ['literal block, after a blank line and deeper', 'deeper ${Bucket.Arn}', 'Bucket', VARIABLE],
      ['folded block', 'folded ${AWS::Region}', 'AWS::Region', PSEUDO],
      ['second line of a quoted string', 'second ${Role}', 'Role', VARIABLE],
      ['Fn::Sub: long form', 'Fn::Sub: \'arn:', 'LongForm', VARIABLE],
      ['Fn::Sub: long form, list', "- 'arn:${AWS::Partition}:s3:::${Name}", 'Name', VARIABLE],
      ['!Sub then a block list', '"${Prefix}-list"', 'Prefix', VARIABLE],
      ['!Sub [plain, {...}]', 'flow-${First}', 'First', VARIABLE],
      ["!Sub ['quoted', {...}]", 'quoted-${First}', 'First', VARIABLE],
      ['{"Fn::Sub": ...} in YAML', 'json-style-${InYaml}', 'InYaml', VARIABLE],
      ['Fn::Sub: | long form block', 'long ${Block}', 'Block', VARIABLE],
    ];
    for (const [form, marker, token, scope] of substitutions) {
      it(`\${${token}} in a ${form} is highlighted`, () => {
        const scopes = scopesOf(lines(), marker, token);
        assertScope(scopes, scope, token);
        assertScope(scopes, 'meta.template.expression.cloudformation', token);
        assertScope(scopes, 'meta.intrinsic.sub.cloudformation', token);
        assertScope(scopesOf(lines(), marker, '${'), BEGIN, '${');
        assertScope(scopesOf(lines(), marker, '}'), END, '}');
      });
    }

    it('the rest of a Sub string keeps its string scope', () => {
      assertScope(scopesOf(lines(), "role/it''s", ":iam::"), 'string.quoted.single.yaml', 'single-quoted text');
      assertScope(scopesOf(lines(), '${Role.Arn}', '\\t'), 'constant.character.escape.yaml', 'escape in a double-quoted Sub');
      assertScope(scopesOf(lines(), 'echo ${AWS::StackName}', '!'), LITERAL, '${!Literal}');
    });

    it('nothing is injected into comments, ordinary strings, unknown tags or the variables map', () => {
      assertNoInjectedScope(lineScopes(lines(), '!Ref here is a comment'), 'a comment');
      assertNoInjectedScope(lineScopes(lines(), 'plain string with ${NotASub}'), 'a string that is not a Sub');
      assertNoInjectedScope(lineScopes(lines(), '!NotATag'), 'an unknown tag');
      assertNoInjectedScope(scopesAt(lines(), '- Name: !Ref Bucket', 'Name'), 'a key of the variables map');
    });

    it('the YAML after a block or multi-line Sub is YAML again', () => {
      for (const marker of ['Tags:', 'Policy:', 'Transform:']) {
        const scopes = scopesAt(lines(), marker, marker.slice(0, -1));
        assertScope(scopes, 'entity.name.tag.yaml', marker);
        assertNoInjectedScope(scopes, marker);
      }
    });
  });

  describe('JSON (fn-sub.json)', () => {
    const lines = (): Line[] => tokenized.get('fn-sub.json')!;

    const substitutions: ReadonlyArray<readonly [string, string, string, string]> = [
      ['string value', '"RoleName"', 'AWS::StackName', PSEUDO],
      ['first element of the array', '"Path"', 'Prefix', VARIABLE],
      ['first element of the array', '"Path"', 'AWS::Region', PSEUDO],
      ['nested Fn::Sub in the variables map', '"Path"', 'Inner', VARIABLE],
      ['first element, on the line after [', 'arn:${AWS::Partition}:s3:::${Bucket}', 'Bucket', VARIABLE],
    ];
    for (const [form, marker, token, scope] of substitutions) {
      it(`\${${token}} in the ${form} is highlighted`, () => {
        const scopes = scopesOf(lines(), marker, token);
        assertScope(scopes, scope, token);
        assertScope(scopes, 'string.quoted.double.json', token);
        assertScope(scopesOf(lines(), marker, '${'), BEGIN, '${');
      });
    }

    it('escapes: JSON escapes and ${!Literal}', () => {
      assertScope(scopesOf(lines(), 'arn:${AWS::Partition}:s3:::${Bucket}', '\\"'), 'constant.character.escape.json', '\\"');
      assertScope(scopesOf(lines(), '"Path"', '!'), LITERAL, '${!Literal}');
    });

    it('nothing is injected into other strings, keys or the variables map', () => {
      assertNoInjectedScope(lineScopes(lines(), 'not a Sub: ${NotASub}'), 'a string that is not a Sub');
      assertNoInjectedScope(lineScopes(lines(), 'aws:ResourceAccount'), 'a Condition value outside Fn::Sub');
      assertNoInjectedScope(scopesOf(lines(), '"Path"', 'PathPrefix'), 'a Ref inside the variables map');
      assertNoInjectedScope(scopesOf(lines(), '"RoleName"', 'Fn::Sub'), 'the Fn::Sub key');
    });

    it('the JSON after a multi-line Fn::Sub array is JSON again', () => {
      const scopes = scopesOf(lines(), '"Condition"', 'Condition');
      assertScope(scopes, 'support.type.property-name.json', 'the next key');
      assertScope(scopesOf(lines(), '"Outputs"', 'Outputs'), 'support.type.property-name.json', 'Outputs');
    });
  });
});
