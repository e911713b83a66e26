// Parser benchmark for CloudFormation templates: how long each YAML (and JSON) parser takes on
// generated cross-account pipeline templates of 20 KB, 200 KB and ~1 MB, plus what each parser
// says about a syntax error and a duplicate key. Results are written up in docs/parser-choice.md.
//
//   npx tsc -p tsconfig.test.json && node --expose-gc out/bench/parsers.js [--runs N] [--sizes small,medium,large]
//
// --expose-gc adds the retained-heap column; without it the column shows '-'.

import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CORE_SCHEMA, eventsToAst, getScalarValue, load as jsYamlLoad, parseEvents,
  defineMappingTag, defineScalarTag, defineSequenceTag, type Event, type TagDefinition,
} from 'js-yaml';
import { Parser as YamlCstParser, parseDocument, type CollectionTag, type ScalarTag } from 'yaml';
import { load as yspLoad, type YAMLNode } from 'yaml-language-server-parser';
import { Schema as YspSchema } from 'yaml-language-server-parser/dist/src/schema';
import { Type as YspType } from 'yaml-language-server-parser/dist/src/type';
import { parseTree } from 'jsonc-parser';
import { BENCH_SIZES, CLOUDFORMATION_MAX_BYTES, crossAccountProblems, generateTemplatePair } from './generate';

/** CloudFormation short-form tags (each may be written on a scalar, a sequence or a mapping). */
export const CFN_TAGS = [
  'Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64',
  'Cidr', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Condition', 'Transform',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------
// Parser set-up

/** `yaml` custom tags: every CloudFormation tag in scalar, sequence and mapping form, kept as nodes. */
const YAML_CFN_TAGS: Array<ScalarTag | CollectionTag> = CFN_TAGS.flatMap((name): Array<ScalarTag | CollectionTag> => [
  { tag: `!${name}`, resolve: (source: string) => source },
  { tag: `!${name}`, collection: 'seq', resolve: (node) => node },
  { tag: `!${name}`, collection: 'map', resolve: (node) => node },
]);

/** yaml-language-server-parser schema with the same tags (one Type per tag; `additionalKinds` as yaml-language-server did). */
function yspCfnSchema(): YspSchema {
  const types = CFN_TAGS.map((name) => {
    const type = new YspType(`!${name}`, { kind: 'scalar', construct: (node: unknown) => node });
    type.additionalKinds = ['sequence', 'mapping'];
    return type;
  });
  return YspSchema.create(types);
}
const YSP_SCHEMA = yspCfnSchema();

/** js-yaml schema turning short tags into long forms; used only to check that YAML and JSON hold the same data. */
function jsYamlLongFormSchema(): typeof CORE_SCHEMA {
  const longName = (name: string): string => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);
  const tags: TagDefinition[] = CFN_TAGS.flatMap((name): TagDefinition[] => [
    defineScalarTag(`!${name}`, {
      resolve: (source) => ({
        [longName(name)]: name === 'GetAtt' ? [source.slice(0, source.indexOf('.')), source.slice(source.indexOf('.') + 1)] : source,
      }),
      identify: () => false,
    }),
    defineSequenceTag(`!${name}`, {
      create: (): unknown[] => [],
      addItem: (carrier, item) => { carrier.push(item); },
      finalize: (carrier) => ({ [longName(name)]: carrier }),
      identify: () => false,
    }),
    defineMappingTag(`!${name}`, {
      create: (): Record<string, unknown> => ({}),
      addPair: (carrier, key, value) => { carrier[String(key)] = value; return ''; },
      has: (carrier, key) => Object.prototype.hasOwnProperty.call(carrier, String(key)),
      keys: (result) => Object.keys(result),
      get: (result, key) => (isRecord(result) ? result[String(key)] : undefined),
      finalize: (carrier) => ({ [longName(name)]: carrier }),
      identify: () => false,
    }),
  ]);
  return CORE_SCHEMA.withTags(tags);
}

interface SketchNode {
  readonly kind: 'map' | 'seq' | 'scalar' | 'alias';
  readonly start: number;
  end: number;
  readonly tag: string | undefined;
  readonly value: string | undefined;
  readonly children: SketchNode[];
}

/**
 * The minimum tree a linter needs from `parseEvents`: kind, offsets, tag and decoded scalar text,
 * map children as key, value, key, value... Collection events carry a start offset only, so a
 * collection ends where its last child ends (flow collections would still need their closing bracket).
 */
export function eventsToOffsetTree(text: string, events: Event[]): SketchNode | undefined {
  const stack: SketchNode[] = [];
  let root: SketchNode | undefined;
  const place = (node: SketchNode): void => {
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(node);
      parent.end = node.end;
    } else {
      root ??= node;
    }
  };
  for (const event of events) {
    switch (event.type) {
      case 2:
      case 3:
        stack.push({
          kind: event.type === 3 ? 'map' : 'seq', start: event.start, end: event.start + 1,
          tag: event.tagStart < 0 ? undefined : text.slice(event.tagStart, event.tagEnd), value: undefined, children: [],
        });
        break;
      case 4: {
        const quoted = event.style === 2 || event.style === 3;
        const start = event.valueStart < 0 ? Math.max(event.tagEnd, 0) : event.valueStart - (quoted ? 1 : 0);
        const end = event.valueStart < 0 ? start : event.valueEnd + (quoted ? 1 : 0);
        place({
          kind: 'scalar', start, end, tag: event.tagStart < 0 ? undefined : text.slice(event.tagStart, event.tagEnd),
          value: event.valueStart < 0 ? undefined : getScalarValue(text, event), children: [],
        });
        break;
      }
      case 5:
        place({ kind: 'alias', start: event.anchorStart - 1, end: event.anchorEnd, tag: undefined, value: undefined, children: [] });
        break;
      case 6: {
        const done = stack.pop();
        if (done) place(done);
        break;
      }
      default:
        break;
    }
  }
  return root;
}

type ProjectParse = (text: string, format: 'yaml' | 'json') => unknown;

/** The project's own `parseSource` (src/core/source), when it has been compiled next to this file. */
function projectParser(): ProjectParse | undefined {
  try {
    const loaded: unknown = require(path.join(__dirname, '..', 'src', 'core', 'source', 'index.js'));
    if (isRecord(loaded) && typeof loaded.parseSource === 'function') {
      const parseSource = loaded.parseSource;
      return (text, format) => parseSource(text, format) as unknown;
    }
  } catch {
    // not compiled, or not compiling right now: skip the row
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Measuring

export interface Measurement {
  readonly parser: string;
  readonly input: 'yaml' | 'json';
  readonly bytes: number;
  readonly runs: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly minMs: number;
  /** Heap still used by the parse result after a full GC; undefined without --expose-gc. */
  readonly retainedBytes: number | undefined;
}

interface Candidate {
  readonly name: string;
  readonly input: 'yaml' | 'json';
  readonly parse: (text: string) => unknown;
}

function yamlCandidates(): Candidate[] {
  const project = projectParser();
  const candidates: Candidate[] = [
    { name: 'js-yaml 5 parseEvents', input: 'yaml', parse: (text) => parseEvents(text, {}) },
    {
      name: 'js-yaml 5 parseEvents + eventsToAst', input: 'yaml',
      parse: (text) => eventsToAst(parseEvents(text, {}), { source: text, schema: CORE_SCHEMA }),
    },
    {
      name: 'js-yaml 5 parseEvents + offset tree (bench sketch)', input: 'yaml',
      parse: (text) => eventsToOffsetTree(text, parseEvents(text, {})),
    },
  ];
  if (project) candidates.push({ name: 'project parseSource (parseEvents + src tree)', input: 'yaml', parse: (text) => project(text, 'yaml') });
  candidates.push(
    { name: 'yaml 2 parseDocument (CFN tags)', input: 'yaml', parse: (text) => parseDocument(text, { customTags: YAML_CFN_TAGS }) },
    { name: 'yaml 2 Parser (CST only)', input: 'yaml', parse: (text) => Array.from(new YamlCstParser().parse(text)) },
    { name: 'yaml-language-server-parser load (CFN tags)', input: 'yaml', parse: (text) => yspLoad(text, { schema: YSP_SCHEMA }) },
    // Without the tags registered every !Sub/!Ref... is reported (a warning in yaml, an error in ysp):
    // shows what forgetting them costs.
    { name: 'yaml 2 parseDocument (tags NOT registered)', input: 'yaml', parse: (text) => parseDocument(text) },
    { name: 'yaml-language-server-parser load (tags NOT registered)', input: 'yaml', parse: (text) => yspLoad(text) },
  );
  return candidates;
}

function jsonCandidates(): Candidate[] {
  const project = projectParser();
  const candidates: Candidate[] = [
    { name: 'jsonc-parser parseTree', input: 'json', parse: (text) => parseTree(text, []) },
    { name: 'JSON.parse', input: 'json', parse: (text) => JSON.parse(text) as unknown },
  ];
  if (project) candidates.push({ name: 'project parseSource (jsonc parseTree + src tree)', input: 'json', parse: (text) => project(text, 'json') });
  return candidates;
}

let sink = 0;
function consume(result: unknown): void {
  if (result !== undefined && result !== null) sink++;
}

const gc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

function fullGc(): void {
  if (!gc) return;
  gc();
  gc();
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

/** Holds a parse result while the heap is measured (a local could be optimised away before the GC). */
const holder: unknown[] = [];

/** Heap still referenced by one parse result after a full GC (median of three samples, to tame GC noise). */
function retainedHeap(candidate: Candidate, text: string): number | undefined {
  if (!gc) return undefined;
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    fullGc();
    const before = process.memoryUsage().heapUsed;
    holder.push(candidate.parse(text));
    fullGc();
    samples.push(Math.max(0, process.memoryUsage().heapUsed - before));
    holder.length = 0;
  }
  return percentile(samples.sort((a, b) => a - b), 0.5);
}

function measureOne(candidate: Candidate, text: string, runs: number): Measurement {
  const warmUp = Math.max(3, Math.ceil(runs / 5));
  for (let i = 0; i < warmUp; i++) consume(candidate.parse(text));
  fullGc();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = candidate.parse(text);
    times.push(performance.now() - started);
    consume(result);
  }
  times.sort((a, b) => a - b);
  return {
    parser: candidate.name, input: candidate.input, bytes: Buffer.byteLength(text), runs,
    medianMs: percentile(times, 0.5), p90Ms: percentile(times, 0.9), minMs: times[0],
    retainedBytes: retainedHeap(candidate, text),
  };
}

/**
 * Median and p90 time per parse over `runs` parses (after a warm-up) of `text` (YAML) by each
 * YAML parser and, when `jsonText` (the same data as JSON) is given, by each JSON parser.
 * Each parser runs in its own block, after a full GC when --expose-gc is on, so it pays for its
 * own garbage only. (Interleaving parsers, or forcing a GC before every parse, was tried: the
 * first bills one parser for another's garbage, the second makes every parser slower.)
 */
export function measureParsers(text: string, runs: number, jsonText?: string): Measurement[] {
  const results = yamlCandidates().map((candidate) => measureOne(candidate, text, runs));
  if (jsonText !== undefined) {
    for (const candidate of jsonCandidates()) results.push(measureOne(candidate, jsonText, runs));
  }
  return results;
}

// ---------------------------------------------------------------------------------------
// Error reporting probes

interface Probe {
  readonly reported: boolean;
  readonly offset: number | undefined;
  readonly message: string;
  /** A tree/result is still returned despite the problem. */
  readonly partial: boolean;
}

const SYNTAX_CASES: ReadonlyArray<{ name: string; text: string }> = [
  { name: 'bad indentation', text: 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n   Properties: {}\n' },
  { name: 'unclosed [', text: 'Statement:\n  - Action: [s3:GetObject, s3:PutObject\n    Resource: "*"\n' },
  { name: 'duplicate key', text: 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  Bucket:\n    Type: AWS::SQS::Queue\n' },
];

function thrown(error: unknown): Probe {
  const detail = isRecord(error) ? error : {};
  const mark = isRecord(detail.mark) ? detail.mark : {};
  const reason = typeof detail.reason === 'string' ? detail.reason : String(error);
  return { reported: true, offset: typeof mark.position === 'number' ? mark.position : undefined, message: reason, partial: false };
}

function quiet(partial = true): Probe {
  return { reported: false, offset: undefined, message: '', partial };
}

const PROBES: ReadonlyArray<{ name: string; probe: (text: string) => Probe }> = [
  {
    name: 'js-yaml parseEvents',
    probe: (text) => {
      try { parseEvents(text, {}); return quiet(); } catch (error) { return thrown(error); }
    },
  },
  {
    name: 'js-yaml parseEvents + eventsToAst',
    probe: (text) => {
      try { eventsToAst(parseEvents(text, {}), { source: text, schema: CORE_SCHEMA }); return quiet(); } catch (error) { return thrown(error); }
    },
  },
  {
    name: 'js-yaml load (values, no offsets)',
    probe: (text) => {
      try { jsYamlLoad(text); return quiet(); } catch (error) { return thrown(error); }
    },
  },
  {
    name: 'yaml parseDocument',
    probe: (text) => {
      const document = parseDocument(text, { customTags: YAML_CFN_TAGS });
      const first = document.errors[0] ?? document.warnings[0];
      if (!first) return quiet();
      return { reported: true, offset: first.pos[0], message: `${first.code}${document.errors.length > 1 ? ` (+${document.errors.length - 1})` : ''}`, partial: document.contents !== null };
    },
  },
  {
    name: 'yaml Parser (CST)',
    probe: (text) => {
      const errors: Array<{ offset: number; message: string }> = [];
      JSON.stringify(Array.from(new YamlCstParser().parse(text)), (_key, value: unknown) => {
        if (isRecord(value) && value.type === 'error' && typeof value.offset === 'number') {
          errors.push({ offset: value.offset, message: String(value.message) });
        }
        return value;
      });
      const first = errors[0];
      return first ? { reported: true, offset: first.offset, message: first.message, partial: true } : quiet();
    },
  },
  {
    name: 'yaml-language-server-parser load',
    probe: (text) => {
      let root: YAMLNode;
      try { root = yspLoad(text, { schema: YSP_SCHEMA }); } catch (error) { return thrown(error); }
      const errors: unknown[] = [];
      const walk = (node: unknown, depth: number): void => {
        if (!isRecord(node) || depth > 50) return;
        if (Array.isArray(node.errors)) errors.push(...(node.errors as unknown[]));
        for (const key of ['value', 'key', 'mappings', 'items']) {
          const child = node[key];
          if (Array.isArray(child)) child.forEach((item) => walk(item, depth + 1));
          else walk(child, depth + 1);
        }
      };
      walk(root, 0);
      const first = errors[0];
      if (first === undefined) return quiet();
      const probe = thrown(first);
      return { ...probe, message: `${probe.message}${errors.length > 1 ? ` (+${errors.length - 1})` : ''}`, partial: true };
    },
  },
];

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

function probeTable(): string {
  const lines = [
    `| parser | ${SYNTAX_CASES.map((c) => c.name).join(' | ')} |`,
    `| --- |${SYNTAX_CASES.map(() => ' --- |').join('')}`,
  ];
  for (const { name, probe } of PROBES) {
    const cells = SYNTAX_CASES.map(({ text }) => {
      const result = probe(text);
      if (!result.reported) return 'not reported';
      const where = result.offset === undefined ? 'no position' : `offset ${result.offset} (${lineColumn(text, result.offset)})`;
      return `${where}, "${result.message.replace(/\|/g, '\\|').split('\n')[0]}"${result.partial ? ', tree returned' : ', throws'}`;
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------
// Checks on the generated data

function sameData(yamlText: string, jsonText: string): boolean {
  const fromYaml = jsYamlLoad(yamlText, { schema: jsYamlLongFormSchema() });
  return JSON.stringify(fromYaml) === JSON.stringify(JSON.parse(jsonText));
}

function unresolvedTagWarnings(yamlText: string): number {
  const document = parseDocument(yamlText, { customTags: YAML_CFN_TAGS });
  return document.warnings.length + document.errors.length;
}

// ---------------------------------------------------------------------------------------
// Report

function formatTable(size: string, results: readonly Measurement[]): string {
  const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(2);
  const lines = [
    `### ${size}`,
    '',
    '| parser | input | median ms | p90 ms | min ms | retained MB | runs |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const heap = r.retainedBytes === undefined ? '-' : mb(r.retainedBytes);
    lines.push(`| ${r.parser} | ${r.input} ${mb(r.bytes)} MB | ${r.medianMs.toFixed(2)} | ${r.p90Ms.toFixed(2)} | ${r.minMs.toFixed(2)} | ${heap} | ${r.runs} |`);
  }
  return lines.join('\n');
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const DEFAULT_RUNS: Record<keyof typeof BENCH_SIZES, number> = { small: 100, medium: 30, large: 20 };

function main(): void {
  const runsOverride = argument('--runs');
  const sizes = (argument('--sizes') ?? 'small,medium,large').split(',').filter((s): s is keyof typeof BENCH_SIZES => s in BENCH_SIZES);
  console.log(`# Parser benchmark: Node ${process.version}, ${process.platform}/${process.arch}, ` +
    `${require('node:os').cpus().length} cores, ${new Date().toISOString().slice(0, 10)}${gc ? '' : ' (no --expose-gc: no heap column)'}`);
  for (const size of sizes) {
    const target = BENCH_SIZES[size];
    const pair = generateTemplatePair(target);
    const yamlBytes = Buffer.byteLength(pair.yaml);
    const problems = crossAccountProblems(pair.json);
    console.log('');
    console.log(`<!-- ${size}: YAML ${yamlBytes} bytes (target ${target}, limit ${CLOUDFORMATION_MAX_BYTES}), same data as JSON ${Buffer.byteLength(pair.json)} bytes; ` +
      `${pair.pipelines} pipelines, ${pair.stacks} stacks; YAML = JSON data: ${sameData(pair.yaml, pair.json) ? 'yes' : 'NO'}; ` +
      `yaml warnings/errors: ${unresolvedTagWarnings(pair.yaml)}; cross-account problems: ${problems.length} -->`);
    for (const problem of problems.slice(0, 5)) console.log(`<!--   ${problem} -->`);
    const runs = runsOverride === undefined ? DEFAULT_RUNS[size] : Math.max(1, Number(runsOverride));
    console.log('');
    console.log(formatTable(`${size} (${(yamlBytes / 1000).toFixed(0)} KB YAML)`, measureParsers(pair.yaml, runs, pair.json)));
  }
  console.log('');
  console.log('### Errors and duplicate keys (offset, 1-based line:column computed from the offset)');
  console.log('');
  console.log(probeTable());
  if (sink < 0) console.log(sink);
}

if (require.main === module) main();
