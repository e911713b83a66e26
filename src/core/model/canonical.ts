import { analyseArn, evaluateString, singleText, type Part } from './evaluate';
import type { Comparison, Resolved } from './resolved';
import type { MapNode, Node } from '../source';
import type { DocumentModel } from './types';

/** A three-valued answer: certain yes, certain no, or cannot tell from this file. */
export type Tri = 'yes' | 'no' | 'unknown';

export function and3(...values: readonly Tri[]): Tri {
  if (values.includes('no')) return 'no';
  return values.every((value) => value === 'yes') ? 'yes' : 'unknown';
}

export function or3(values: Iterable<Tri>): Tri {
  let result: Tri = 'no';
  for (const value of values) {
    if (value === 'yes') return 'yes';
    if (value === 'unknown') result = 'unknown';
  }
  return result;
}

export function fromComparison(comparison: Comparison): Tri {
  return comparison === 'same' ? 'yes' : comparison === 'different' ? 'no' : 'unknown';
}

/**
 * A string expression in comparable form. Known values are text; a parameter, pseudo parameter
 * or resource name without a value here is a symbol (the same key means the same value); anything
 * else is opaque. `word` marks values that cannot contain `:` or `/` (accounts, key ids, names),
 * which is what tells a key id from a key ARN.
 */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'symbol'; readonly key: string; readonly word: boolean }
  | { readonly kind: 'opaque'; readonly word: boolean };

const MAX_DEPTH = 4;

function text(value: string): Segment {
  return { kind: 'text', text: value };
}

/**
 * The comparable form of an evaluated expression. Resources of the template are expanded into
 * what `Ref`/`Fn::GetAtt` return (a bucket's name, a role's ARN); in a written ARN the account and
 * region follow the evaluator (a placeholder default is not an account), and the partition is ignored.
 */
export function canonical(parts: readonly Part[], model: DocumentModel, depth = 0): Segment[] {
  // Policy values are matched against many questions: each evaluated value is put in this form once.
  let known = canonicalForms.get(model);
  if (!known) canonicalForms.set(model, known = new WeakMap());
  const cached = known.get(parts);
  if (cached) return cached;
  const form = canonicalForm(parts, model, depth);
  known.set(parts, form);
  return form;
}

const canonicalForms = new WeakMap<DocumentModel, WeakMap<readonly Part[], Segment[]>>();

function canonicalForm(parts: readonly Part[], model: DocumentModel, depth: number): Segment[] {
  const flat = parts.flatMap((part) => partSegments(part, model, depth));
  const arn = analyseArn(parts);
  const resourceArn = parts.length === 1 && parts[0].kind === 'resource';
  const fields = splitFields(flat);
  if (arn.isArn !== true || resourceArn || fields.length < 6) return join(fields);
  fields[1] = [text('aws')];
  fields[3] = resolvedSegments(arn.region, model.pipelineRegion, 'AWS::Region');
  fields[4] = resolvedSegments(arn.account, model.pipelineAccountId, 'AWS::AccountId');
  return join(fields);
}

/** The comparable form of an expression node when it has one value (no `Fn::If` alternatives). */
export function canonicalNode(node: Node | undefined, model: DocumentModel, depth = 0): Segment[] | undefined {
  if (node === undefined) return undefined;
  let known = nodeForms.get(model);
  if (!known) nodeForms.set(model, known = new WeakMap());
  if (depth === 0 && known.has(node)) return known.get(node);
  const alternatives = evaluateString(node, model.scope);
  const form = alternatives.length === 1 && alternatives[0].value ? canonical(alternatives[0].value, model, depth) : undefined;
  // Only a complete answer is remembered: deeper calls may have stopped expanding names.
  if (depth === 0) known.set(node, form);
  return form;
}

const nodeForms = new WeakMap<DocumentModel, WeakMap<Node, Segment[] | undefined>>();

function resolvedSegments(value: Resolved, pipelineValue: string | undefined, pseudo: string): Segment[] {
  switch (value.kind) {
    case 'literal':
      return [text(value.value)];
    case 'pipeline':
      return [pipelineValue !== undefined ? text(pipelineValue) : { kind: 'symbol', key: `pseudo:${pseudo}`, word: true }];
    case 'param':
      return [{ kind: 'symbol', key: `param:${value.name}`, word: true }];
    case 'unknown':
      return [{ kind: 'opaque', word: true }];
  }
}

function partSegments(part: Part, model: DocumentModel, depth: number): Segment[] {
  switch (part.kind) {
    case 'text':
      return [text(part.text)];
    case 'pseudo':
      return pseudoSegments(part.name, model);
    case 'param':
      return [part.value !== undefined ? text(part.value) : { kind: 'symbol', key: `param:${part.name}`, word: false }];
    case 'unknown':
      return [{ kind: 'opaque', word: false }];
    case 'resource':
      return resourceSegments(part.logicalId, part.attribute, part.type, model, depth);
  }
}

function pseudoSegments(name: string, model: DocumentModel): Segment[] {
  switch (name) {
    case 'AWS::AccountId':
      return resolvedSegments({ kind: 'pipeline' }, model.pipelineAccountId, name);
    case 'AWS::Region':
      return resolvedSegments({ kind: 'pipeline' }, model.pipelineRegion, name);
    case 'AWS::Partition':
      return [text('aws')];
    case 'AWS::URLSuffix':
      return [text('amazonaws.com')];
    default:
      return [{ kind: 'symbol', key: `pseudo:${name}`, word: name !== 'AWS::StackId' }];
  }
}

/** What `Ref` and `Fn::GetAtt` return for the resources the artifact rules look at. */
function resourceSegments(logicalId: string, attribute: string | undefined, type: string | undefined, model: DocumentModel, depth: number): Segment[] {
  const properties = model.resources.get(logicalId)?.properties;
  const named = (property: string): Segment[] => {
    const value = properties?.entries.find((entry) => entry.key === property)?.value;
    const name = value && depth < MAX_DEPTH ? canonicalNode(value, model, depth + 1) : undefined;
    return name ?? [{ kind: 'symbol', key: `name:${logicalId}`, word: true }];
  };
  const account = pseudoSegments('AWS::AccountId', model);
  const region = pseudoSegments('AWS::Region', model);
  const keyId: Segment = { kind: 'symbol', key: `key:${logicalId}`, word: true };
  if (attribute === undefined) {
    switch (type) {
      case 'AWS::S3::Bucket': return named('BucketName');
      case 'AWS::IAM::Role': return named('RoleName');
      case 'AWS::KMS::Alias': return named('AliasName');
      case 'AWS::KMS::Key': return [keyId];
      case 'AWS::CodeBuild::Project': return named('Name');
      case 'AWS::IAM::ManagedPolicy': return [text('arn:aws:iam::'), ...account, text(`:policy${pathOf(properties, model)}`), ...named('ManagedPolicyName')];
      default: return [{ kind: 'symbol', key: `ref:${logicalId}`, word: false }];
    }
  }
  if (attribute === 'Arn') {
    switch (type) {
      case 'AWS::S3::Bucket': return [text('arn:aws:s3:::'), ...named('BucketName')];
      case 'AWS::IAM::Role': return [text('arn:aws:iam::'), ...account, text(`:role${pathOf(properties, model)}`), ...named('RoleName')];
      case 'AWS::KMS::Key': return [text('arn:aws:kms:'), ...region, text(':'), ...account, text(':key/'), keyId];
      case 'AWS::CodeBuild::Project': return [text('arn:aws:codebuild:'), ...region, text(':'), ...account, text(':project/'), ...named('Name')];
      default: break;
    }
  }
  if (attribute === 'KeyId' && type === 'AWS::KMS::Key') return [keyId];
  return [{ kind: 'symbol', key: `getatt:${logicalId}.${attribute}`, word: false }];
}

/** An IAM path (`/`, `/service-role/`), which sits between `role` and the name in an ARN. */
function pathOf(properties: MapNode | undefined, model: DocumentModel): string {
  const value = properties?.entries.find((entry) => entry.key === 'Path')?.value;
  return (value && singleText(value, model.scope)) ?? '/';
}

function splitFields(segments: readonly Segment[]): Segment[][] {
  const fields: Segment[][] = [[]];
  for (const segment of segments) {
    if (segment.kind !== 'text') {
      fields[fields.length - 1].push(segment);
      continue;
    }
    segment.text.split(':').forEach((piece, index) => {
      if (index > 0) fields.push([]);
      if (piece) fields[fields.length - 1].push(text(piece));
    });
  }
  return fields;
}

function join(fields: readonly Segment[][]): Segment[] {
  const joined: Segment[] = [];
  fields.forEach((field, index) => {
    if (index > 0) joined.push(text(':'));
    joined.push(...field);
  });
  // Adjacent text is merged so that equal values have equal forms.
  const merged: Segment[] = [];
  for (const segment of joined) {
    const last = merged[merged.length - 1];
    if (segment.kind === 'text' && last?.kind === 'text') merged[merged.length - 1] = text(last.text + segment.text);
    else if (segment.kind !== 'text' || segment.text) merged.push(segment);
  }
  return merged;
}

/** The segments as plain text, when all of them are known. */
export function segmentsText(segments: readonly Segment[]): string | undefined {
  let result = '';
  for (const segment of segments) {
    if (segment.kind !== 'text') return undefined;
    result += segment.text;
  }
  return result;
}

/** A stable key for grouping equal values. */
export function segmentsKey(segments: readonly Segment[]): string {
  return segments.map((segment) => (segment.kind === 'text' ? segment.text : segment.kind === 'symbol' ? `\${${segment.key}}` : '\u0000?')).join('');
}

// Segments are matched as strings: text stays as it is, and the wildcards, symbols and opaque
// values become private-use characters, so matching allocates nothing per character.
const ANY_RUN = '\uE000';
const ANY_CHAR = '\uE001';
const WORD_RUN = '\uE002';
const FIRST_SYMBOL = 0xe100;
const MAX_MATCH_WORK = 1 << 20;

/**
 * Whether `pattern` matches `value`. With `glob`, `*` and `?` in the pattern's text are IAM
 * wildcards. Yes when it matches for every value the symbols can take; no when it matches for
 * none; unknown otherwise.
 */
export function matchSegments(pattern: readonly Segment[], value: readonly Segment[], glob = true): Tri {
  const patternText = segmentsText(pattern);
  const valueText = segmentsText(value);
  if (patternText !== undefined && valueText !== undefined && !(glob && /[*?]/.test(patternText))) return patternText === valueText ? 'yes' : 'no';
  const symbols = new Map<string, string>();
  let opaque = 0;
  // Symbols become characters that only equal themselves; opaque values become characters that equal nothing.
  const certain = (segments: readonly Segment[], wildcards: boolean): string => segments.map((segment) => {
    if (segment.kind === 'text') return wildcards ? segment.text.replace(/[*?]/g, (char) => (char === '*' ? ANY_RUN : ANY_CHAR)) : segment.text;
    if (segment.kind === 'opaque') return String.fromCharCode(0xf000 + (opaque++ % 0x800));
    let char = symbols.get(segment.key);
    if (!char) symbols.set(segment.key, char = String.fromCharCode(FIRST_SYMBOL + symbols.size));
    return char;
  }).join('');
  const certainPattern = certain(pattern, glob);
  const certainValue = certain(value, false);
  // The matchers below cost pattern × value: hostile lengths (no real ARN is this long) stay undecided.
  if (certainPattern.length * certainValue.length > MAX_MATCH_WORK) return 'unknown';
  // Values that part before any wildcard or symbol cannot meet (an S3 ARN and a role ARN).
  if (!samePrefix(certainPattern, certainValue)) return 'no';
  if (globMatches(certainPattern, certainValue)) return 'yes';
  // Symbols and opaque values become wildcards: what they might turn out to be.
  const open = (segments: readonly Segment[], wildcards: boolean): string => segments.map((segment) => {
    if (segment.kind !== 'text') return segment.word ? WORD_RUN : ANY_RUN;
    return wildcards ? segment.text.replace(/[*?]/g, (char) => (char === '*' ? ANY_RUN : ANY_CHAR)) : segment.text;
  }).join('');
  return intersects(open(pattern, glob), open(value, false)) ? 'unknown' : 'no';
}

/** Whether the two agree up to the first special character (wildcard, symbol or opaque value) of either. */
function samePrefix(a: string, b: string): boolean {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a.charCodeAt(i) >= 0xe000 || b.charCodeAt(i) >= 0xe000) return true;
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/** Wildcard matching of a pattern against a value whose special characters are plain characters. */
function globMatches(pattern: string, value: string): boolean {
  let previous = new Uint8Array(value.length + 1);
  let next = new Uint8Array(value.length + 1);
  previous[0] = 1;
  for (const char of pattern) {
    next.fill(0);
    if (char === ANY_RUN) next[0] = previous[0];
    for (let j = 1; j <= value.length; j++) {
      if (char === ANY_RUN) next[j] = previous[j] | next[j - 1];
      else next[j] = previous[j - 1] & Number(char === ANY_CHAR || char === value[j - 1]);
    }
    [previous, next] = [next, previous];
  }
  return previous[value.length] === 1;
}

function isRun(char: string | undefined): boolean {
  return char === ANY_RUN || char === WORD_RUN;
}

/** Whether a run wildcard can stand for this (non-run) character: a word holds no `:` or `/`. */
function runTakes(run: string, char: string): boolean {
  return run === ANY_RUN || char === ANY_CHAR || (char !== ':' && char !== '/');
}

/** Whether some string matches both patterns (both may hold wildcards). */
function intersects(a: string, b: string): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: number[] = [0, 0];
  while (stack.length > 0) {
    const j = stack.pop() as number;
    const i = stack.pop() as number;
    if (seen[i * width + j]) continue;
    seen[i * width + j] = 1;
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    if (isRun(x)) stack.push(i + 1, j);
    if (isRun(y)) stack.push(i, j + 1);
    if (x === undefined || y === undefined) continue;
    if (isRun(x) && !isRun(y) && runTakes(x, y)) stack.push(i, j + 1);
    if (isRun(y) && !isRun(x) && runTakes(y, x)) stack.push(i + 1, j);
    if (!isRun(x) && !isRun(y) && (x === y || x === ANY_CHAR || y === ANY_CHAR)) stack.push(i + 1, j + 1);
  }
  return false;
}
