// `npm run fuzz`: seeded, bounded mutation fuzzing of the linter over the project's fixtures.
// Each case mutates a fixture at the YAML/JSON level (drop, duplicate and swap entries, scalars
// turned into lists and maps, intrinsics in odd places, deep nesting, huge strings, unicode,
// BOMs, CRLF), lints it, and applies every fix it offers. Nothing may throw, and each lint must
// stay within a time bound proportional to the text's size. A crashing case is minimised by
// lines and saved as a regression fixture under test/fixtures/fuzz-<seed>-<case>/.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyEdits, lintText, parseSource, detectFormat } from '../../src/core';
import type { Entry, MapNode, Node, SeqNode } from '../../src/core/source';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');

/** Mulberry32: small, fast and good enough to make every run reproducible from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sample {
  readonly name: string;
  readonly text: string;
  readonly json: boolean;
  readonly entries: { readonly map: MapNode; readonly entry: Entry }[];
  readonly scalars: Node[];
  readonly seqs: SeqNode[];
}

function sample(name: string, text: string): Sample {
  const json = detectFormat(name, text) === 'json';
  const entries: Sample['entries'] = [];
  const scalars: Node[] = [];
  const seqs: SeqNode[] = [];
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.kind === 'map') for (const entry of node.entries) { entries.push({ map: node, entry }); visit(entry.value); }
    else if (node.kind === 'seq') { seqs.push(node); node.items.forEach(visit); }
    else scalars.push(node);
  };
  visit(parseSource(text, json ? 'json' : 'yaml').root);
  return { name, text, json, entries, scalars, seqs };
}

type Mutation = (s: Sample, pick: <T>(items: readonly T[]) => T | undefined, next: () => number) => string;

const splice = (text: string, start: number, end: number, insert: string): string => text.slice(0, start) + insert + text.slice(end);
const lineRange = (text: string, start: number, end: number): [number, number] => {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const to = text.indexOf('\n', end);
  return [from, to < 0 ? text.length : to + 1];
};

const MUTATIONS: Record<string, Mutation> = {
  dropEntry: (s, pick) => {
    const found = pick(s.entries);
    if (!found) return s.text;
    const [from, to] = s.json ? [found.entry.keyStart, found.entry.value.end] : lineRange(s.text, found.entry.keyStart, found.entry.value.end);
    return splice(s.text, from, to, '');
  },
  duplicateEntry: (s, pick) => {
    const found = pick(s.entries);
    if (!found) return s.text;
    if (s.json) return splice(s.text, found.entry.value.end, found.entry.value.end, `, ${s.text.slice(found.entry.keyStart, found.entry.value.end)}`);
    const [from, to] = lineRange(s.text, found.entry.keyStart, found.entry.value.end);
    return splice(s.text, to, to, s.text.slice(from, to));
  },
  swapValues: (s, pick) => {
    const a = pick(s.entries)?.entry.value;
    const b = pick(s.entries)?.entry.value;
    if (!a || !b || a === b || (a.start < b.end && b.start < a.end)) return s.text;
    const [first, second] = a.start < b.start ? [a, b] : [b, a];
    const firstText = s.text.slice(first.start, first.end);
    const secondText = s.text.slice(second.start, second.end);
    return s.text.slice(0, first.start) + secondText + s.text.slice(first.end, second.start) + firstText + s.text.slice(second.end);
  },
  scalarToCollection: (s, pick, next) => {
    const node = pick(s.scalars);
    if (!node) return s.text;
    const replacement = next() < 0.5 ? (s.json ? '["a", {"b": 1}]' : '[a, {b: 1}]') : (s.json ? '{"k": ["v"]}' : '{k: [v]}');
    return splice(s.text, node.start, node.end, replacement);
  },
  injectIntrinsic: (s, pick) => {
    const node = pick([...s.scalars, ...s.seqs]);
    if (!node) return s.text;
    const intrinsic = pick(s.json
      ? ['{"Ref": "AWS::NoValue"}', '{"Fn::If": ["C", {"Fn::Sub": "${X}"}, {"Ref": "AWS::NoValue"}]}', '{"Fn::GetAtt": "Role"}', '{"Fn::Join": ["", {"Ref": "L"}]}', '{"Fn::Select": [9, []]}', '{"Fn::FindInMap": ["M", {"Ref": "K"}]}', '{"Fn::Sub": ["${A}", {"A": {"Fn::ImportValue": "E"}}]}']
      : ['!Ref AWS::NoValue', '!If [C, !Sub "${X}", !Ref AWS::NoValue]', '!GetAtt Role', '!Join ["", !Ref L]', '!Select [9, []]', '!FindInMap [M, !Ref K]', "!Sub ['${A}', {A: !ImportValue E}]", '!Sub', '!Unknown x']) ?? '';
    return splice(s.text, node.start, node.end, intrinsic);
  },
  deepNesting: (s, pick, next) => {
    const node = pick(s.scalars);
    if (!node) return s.text;
    const depth = 50 + Math.floor(next() * 300);
    return splice(s.text, node.start, node.end, `${'['.repeat(depth)}1${']'.repeat(depth)}`);
  },
  hugeString: (s, pick, next) => {
    const node = pick(s.scalars);
    if (!node) return s.text;
    const value = 'arn:aws:iam::' + 'x'.repeat(1000 + Math.floor(next() * 200_000));
    return splice(s.text, node.start, node.end, JSON.stringify(value));
  },
  unicode: (s, pick) => {
    const node = pick(s.scalars);
    if (!node) return s.text;
    return splice(s.text, node.start, node.end, JSON.stringify('ßé\u2028\u{1F600}\uFFFD\u0301::role/\u00a0'));
  },
  bom: (s) => `\uFEFF${s.text}`,
  crlf: (s) => s.text.replace(/\n/g, '\r\n'),
  truncate: (s, _pick, next) => s.text.slice(0, Math.floor(next() * s.text.length)),
  deleteRange: (s, _pick, next) => {
    const start = Math.floor(next() * s.text.length);
    return splice(s.text, start, start + Math.floor(next() * 40), '');
  },
};

interface Failure {
  readonly kind: 'crash' | 'slow';
  readonly detail: string;
}

/** Lints, then applies every offered fix and lints the result: nothing may throw or take too long. */
function check(name: string, text: string): Failure | undefined {
  // Generous, so a busy machine does not make a case fail: a hang or a quadratic blow-up still does.
  const budget = 1000 + (5 * text.length) / 1000;
  try {
    const started = performance.now();
    const { findings } = lintText(text, { fileName: name });
    const elapsed = performance.now() - started;
    if (elapsed > budget) return { kind: 'slow', detail: `${elapsed.toFixed(0)} ms for ${text.length} characters` };
    for (const finding of findings) {
      for (const fix of finding.fixes) lintText(applyEdits(text, fix.edits), { fileName: name });
    }
  } catch (error) {
    return { kind: 'crash', detail: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
  }
  return undefined;
}

/**
 * Drops lines while the failure stays the same kind: a small case is a readable regression
 * fixture. Bounded in time, since every attempt on a slow case is itself slow.
 */
function minimise(name: string, text: string, kind: Failure['kind']): string {
  const deadline = Date.now() + 30_000;
  let lines = text.split('\n');
  for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1 && Date.now() < deadline; chunk >>= 1) {
    for (let i = 0; i < lines.length && Date.now() < deadline;) {
      const candidate = [...lines.slice(0, i), ...lines.slice(i + chunk)];
      if (check(name, candidate.join('\n'))?.kind === kind) lines = candidate;
      else i += chunk;
    }
  }
  return lines.join('\n');
}

function main(): number {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '120' }, seed: { type: 'string' } } });
  const count = Number(values.count);
  const deadline = Date.now() + Number(values.seconds) * 1000;
  const seed = values.seed !== undefined ? Number(values.seed) : 20261126;
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
  const samples = readdirSync(FIXTURES).sort().flatMap((folder) => readdirSync(join(FIXTURES, folder))
    .filter((file) => file.startsWith('input.'))
    .map((file) => sample(`${folder}.${file.slice('input.'.length)}`, readFileSync(join(FIXTURES, folder, file), 'utf8'))));
  const names = Object.keys(MUTATIONS);
  let run = 0;
  const failures: string[] = [];
  for (; run < count && Date.now() < deadline; run++) {
    const base = pick(samples);
    if (!base) break;
    // One to three mutations stacked: some bugs only show when two oddities meet.
    let text = base.text;
    const applied: string[] = [];
    for (let step = 0, steps = 1 + Math.floor(next() * 3); step < steps; step++) {
      const name = pick(names) ?? 'bom';
      applied.push(name);
      text = MUTATIONS[name](step === 0 ? base : sample(base.name, text), pick, next);
    }
    if (process.env.FUZZ_TRACE) process.stderr.write(`case ${run}: ${base.name} ${applied.join('+')} (${text.length} chars)\n`);
    if (process.env.FUZZ_DUMP === String(run)) writeFileSync(`fuzz-case-${run}.${base.json ? 'json' : 'yaml'}`, text);
    const failure = check(base.name, text);
    if (!failure) continue;
    const minimal = minimise(base.name, text, failure.kind);
    const folder = join(FIXTURES, `fuzz-${seed}-${run}`);
    if (!existsSync(folder)) mkdirSync(folder);
    writeFileSync(join(folder, `input.${base.json ? 'json' : 'yaml'}`), minimal);
    failures.push(`case ${run} (${base.name}: ${applied.join(' + ')}): ${failure.kind}: ${failure.detail.split('\n')[0]} -> ${folder}`);
  }
  console.log(`fuzz: seed ${seed}, ${run} cases, ${failures.length} failures`);
  for (const failure of failures) console.log(`  ${failure}`);
  console.log(`${run - failures.length} passed, ${failures.length} failed`);
  return failures.length > 0 ? 1 : 0;
}

process.exitCode = main();
