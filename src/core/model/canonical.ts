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
  const alternatives = evaluateString(node, model.scope);
  if (alternatives.length !== 1 || !alternatives[0].value) return undefined;
  return canonical(alternatives[0].value, model, depth);
}

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

type Atom =
  | { readonly kind: 'char'; readonly value: string }
  | { readonly kind: 'any-char' }
  | { readonly kind: 'star'; readonly word: boolean };

/**
 * Whether `pattern` matches `value`. With `glob`, `*` and `?` in the pattern's text are IAM
 * wildcards. Yes when it matches for every value the symbols can take; no when it matches for
 * none; unknown otherwise.
 */
export function matchSegments(pattern: readonly Segment[], value: readonly Segment[], glob = true): Tri {
  const opaque = { count: 0 };
  if (globMatches(certainAtoms(pattern, glob, opaque), certainAtoms(value, false, opaque))) return 'yes';
  return intersects(openAtoms(pattern, glob), openAtoms(value, false)) ? 'unknown' : 'no';
}

/** Symbols become characters that only equal themselves; opaque values become characters that equal nothing. */
function certainAtoms(segments: readonly Segment[], glob: boolean, opaque: { count: number }): Atom[] {
  return segments.flatMap((segment): Atom[] => {
    if (segment.kind === 'symbol') return [{ kind: 'char', value: `\u0000${segment.key}` }];
    if (segment.kind === 'opaque') return [{ kind: 'char', value: `\u0001${opaque.count++}` }];
    return textAtoms(segment.text, glob);
  });
}

/** Symbols and opaque values become wildcards: what they might turn out to be. */
function openAtoms(segments: readonly Segment[], glob: boolean): Atom[] {
  return segments.flatMap((segment): Atom[] => (segment.kind === 'text' ? textAtoms(segment.text, glob) : [{ kind: 'star', word: segment.word }]));
}

function textAtoms(value: string, glob: boolean): Atom[] {
  return [...value].map((char): Atom => {
    if (glob && char === '*') return { kind: 'star', word: false };
    if (glob && char === '?') return { kind: 'any-char' };
    return { kind: 'char', value: char };
  });
}

/** Classic wildcard matching of a pattern against a value made of single characters. */
function globMatches(pattern: readonly Atom[], value: readonly Atom[]): boolean {
  let previous = new Array<boolean>(value.length + 1).fill(false);
  previous[0] = true;
  for (const atom of pattern) {
    const next = new Array<boolean>(value.length + 1).fill(false);
    if (atom.kind === 'star') next[0] = previous[0];
    for (let j = 1; j <= value.length; j++) {
      if (atom.kind === 'star') next[j] = previous[j] || next[j - 1];
      else next[j] = previous[j - 1] && (atom.kind === 'any-char' || sameChar(atom, value[j - 1]));
    }
    previous = next;
  }
  return previous[value.length];
}

function sameChar(a: Atom, b: Atom): boolean {
  return a.kind === 'char' && b.kind === 'char' && a.value === b.value;
}

/** Whether some string matches both patterns (both may hold wildcards). */
function intersects(a: readonly Atom[], b: readonly Atom[]): boolean {
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop() as [number, number];
    if (seen[i * width + j]) continue;
    seen[i * width + j] = 1;
    if (i === a.length && j === b.length) return true;
    const x = a[i];
    const y = b[j];
    if (x?.kind === 'star') stack.push([i + 1, j]);
    if (y?.kind === 'star') stack.push([i, j + 1]);
    if (x && y) {
      if (x.kind === 'star' && y.kind !== 'star' && starTakes(x, y)) stack.push([i, j + 1]);
      if (y.kind === 'star' && x.kind !== 'star' && starTakes(y, x)) stack.push([i + 1, j]);
      if (x.kind !== 'star' && y.kind !== 'star' && charsMeet(x, y)) stack.push([i + 1, j + 1]);
    }
  }
  return false;
}

function starTakes(star: Atom & { kind: 'star' }, char: Atom): boolean {
  return !star.word || char.kind !== 'char' || (char.value !== ':' && char.value !== '/');
}

function charsMeet(a: Atom, b: Atom): boolean {
  return a.kind === 'any-char' || b.kind === 'any-char' || sameChar(a, b);
}
