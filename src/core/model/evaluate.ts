import { get, intrinsicName, isMap, isScalar, isSeq, scalarText, type MapNode, type Node } from '../source';
import type { Resolved, UnknownReason } from './resolved';

/** One piece of a string built by intrinsics. */
export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'pseudo'; readonly name: string }
  | { readonly kind: 'param'; readonly name: string; readonly value: string | undefined }
  | { readonly kind: 'resource'; readonly logicalId: string; readonly attribute: string | undefined; readonly type: string | undefined }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason; readonly detail: string };

export type Conditions = ReadonlyMap<string, boolean>;

/** One way an expression can come out, under the `Fn::If` conditions that lead to it. */
export interface Alternative<T> {
  readonly value: T;
  readonly conditions: Conditions;
}

/** `undefined` stands for `AWS::NoValue`: the property is absent in that branch. */
export type StringAlternative = Alternative<readonly Part[] | undefined>;

export interface ParameterInfo {
  readonly name: string;
  readonly type: string | undefined;
  readonly defaultValue: string | undefined;
}

/** What expressions are evaluated against: a template's declarations and the values the user gave. */
export interface Scope {
  readonly parameters: ReadonlyMap<string, ParameterInfo>;
  readonly resourceTypes: ReadonlyMap<string, string | undefined>;
  readonly mappings: MapNode | undefined;
  /** Parameter values from `--account`, parameter files or settings; they win over defaults. */
  readonly values: ReadonlyMap<string, string>;
  /** Values exported by other templates of the workspace (`Outputs.*.Export.Name`), for `Fn::ImportValue`. */
  readonly exports?: ReadonlyMap<string, string>;
}

export const EMPTY_SCOPE: Scope = {
  parameters: new Map(), resourceTypes: new Map(), mappings: undefined, values: new Map(),
};

const MAX_ALTERNATIVES = 32;
const NO_CONDITIONS: Conditions = new Map();

export function parameterValue(scope: Scope, name: string): string | undefined {
  return scope.values.get(name) ?? scope.parameters.get(name)?.defaultValue;
}

export function evaluateString(node: Node | undefined, scope: Scope): StringAlternative[] {
  if (node === undefined) return [{ value: undefined, conditions: NO_CONDITIONS }];
  if (isScalar(node)) {
    const text = scalarText(node) ?? '';
    return single(text.includes('{{resolve:') ? [unknown('dynamic', 'a dynamic reference')] : [{ kind: 'text', text }]);
  }
  const fn = intrinsicName(node);
  const argument = isMap(node) && fn ? node.entries[0].value : undefined;
  switch (fn) {
    case 'Ref':
      return evaluateRef(scalarText(argument) ?? '', scope);
    case 'Fn::Sub':
      return evaluateSub(argument, scope);
    case 'Fn::Join':
      return evaluateJoin(argument, scope);
    case 'Fn::GetAtt':
      return single([getAttPart(argument, scope)]);
    case 'Fn::If':
      return evaluateIf(argument, scope);
    case 'Fn::FindInMap':
      return evaluateFindInMap(argument, scope);
    case 'Fn::Select':
      return evaluateSelect(argument, scope);
    case 'Fn::ImportValue': {
      const exported = scope.exports?.get(scalarText(argument) ?? '');
      return single([exported === undefined ? unknown('import', 'an imported value (Fn::ImportValue)') : { kind: 'text', text: exported }]);
    }
    default:
      return single([unknown('expression', fn ? `the result of ${fn}` : 'a value that is not a string')]);
  }
}

function single(parts: readonly Part[]): StringAlternative[] {
  return [{ value: parts, conditions: NO_CONDITIONS }];
}

function unknown(reason: UnknownReason, detail: string): Part {
  return { kind: 'unknown', reason, detail };
}

function evaluateRef(name: string, scope: Scope): StringAlternative[] {
  if (name === 'AWS::NoValue') return [{ value: undefined, conditions: NO_CONDITIONS }];
  return single([referencePart(name, scope)]);
}

function referencePart(name: string, scope: Scope): Part {
  if (name.startsWith('AWS::')) return { kind: 'pseudo', name };
  const parameter = scope.parameters.get(name);
  if (parameter) {
    if (parameter.type?.startsWith('AWS::SSM::Parameter::Value')) {
      return unknown('dynamic', `parameter ${name} (read from SSM at deploy time)`);
    }
    return { kind: 'param', name, value: parameterValue(scope, name) };
  }
  if (scope.resourceTypes.has(name)) {
    return { kind: 'resource', logicalId: name, attribute: undefined, type: scope.resourceTypes.get(name) };
  }
  if (scope.values.has(name)) return { kind: 'param', name, value: scope.values.get(name) };
  return unknown('expression', `Ref ${name}, which is not declared`);
}

function getAttPart(argument: Node | undefined, scope: Scope): Part {
  let logicalId: string | undefined;
  let attribute: string | undefined;
  if (isSeq(argument)) {
    logicalId = scalarText(argument.items[0]);
    attribute = scalarText(argument.items[1]);
  } else {
    const text = scalarText(argument) ?? '';
    const dot = text.indexOf('.');
    logicalId = dot < 0 ? text : text.slice(0, dot);
    attribute = dot < 0 ? undefined : text.slice(dot + 1);
  }
  if (!logicalId) return unknown('expression', 'a malformed Fn::GetAtt');
  return { kind: 'resource', logicalId, attribute: attribute ?? '', type: scope.resourceTypes.get(logicalId) };
}

function evaluateSub(argument: Node | undefined, scope: Scope): StringAlternative[] {
  let template: string | undefined;
  let variables: MapNode | undefined;
  if (isSeq(argument)) {
    template = scalarText(argument.items[0]);
    variables = isMap(argument.items[1]) ? argument.items[1] : undefined;
  } else {
    template = scalarText(argument);
  }
  if (template === undefined) return single([unknown('expression', 'a Fn::Sub without a string')]);
  const pieces: StringAlternative[][] = [];
  const pattern = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    if (match.index > last) pieces.push(textAlternatives(template.slice(last, match.index)));
    last = match.index + match[0].length;
    const name = match[1].trim();
    if (name.startsWith('!')) {
      pieces.push(textAlternatives('${' + name.slice(1) + '}'));
      continue;
    }
    const variable = variables ? get(variables, name) : undefined;
    if (variable !== undefined) {
      pieces.push(evaluateString(variable, scope));
    } else if (name.includes('.') && !name.startsWith('AWS::')) {
      const dot = name.indexOf('.');
      const logicalId = name.slice(0, dot);
      pieces.push(single([{ kind: 'resource', logicalId, attribute: name.slice(dot + 1), type: scope.resourceTypes.get(logicalId) }]));
    } else {
      pieces.push(single([referencePart(name, scope)]));
    }
  }
  if (last < template.length) pieces.push(textAlternatives(template.slice(last)));
  if (template.includes('{{resolve:')) return single([unknown('dynamic', 'a dynamic reference')]);
  return concatenate(pieces);
}

function textAlternatives(text: string): StringAlternative[] {
  return single([{ kind: 'text', text }]);
}

function evaluateJoin(argument: Node | undefined, scope: Scope): StringAlternative[] {
  if (!isSeq(argument) || !isSeq(argument.items[1])) {
    return single([unknown('expression', 'a Fn::Join over a computed list')]);
  }
  const delimiter = scalarText(argument.items[0]) ?? '';
  const pieces: StringAlternative[][] = [];
  argument.items[1].items.forEach((item, index) => {
    if (index > 0 && delimiter) pieces.push(textAlternatives(delimiter));
    pieces.push(evaluateString(item, scope));
  });
  return concatenate(pieces);
}

function evaluateIf(argument: Node | undefined, scope: Scope): StringAlternative[] {
  if (!isSeq(argument) || argument.items.length !== 3) return single([unknown('expression', 'a malformed Fn::If')]);
  const condition = scalarText(argument.items[0]) ?? '';
  const branch = (node: Node, holds: boolean): StringAlternative[] =>
    evaluateString(node, scope).flatMap((alternative) => {
      const merged = mergeConditions(alternative.conditions, new Map([[condition, holds]]));
      return merged ? [{ value: alternative.value, conditions: merged }] : [];
    });
  return [...branch(argument.items[1], true), ...branch(argument.items[2], false)].slice(0, MAX_ALTERNATIVES);
}

function evaluateFindInMap(argument: Node | undefined, scope: Scope): StringAlternative[] {
  const opaque = single([unknown('expression', 'a Fn::FindInMap whose keys cannot be resolved')]);
  if (!isSeq(argument) || argument.items.length < 3) return opaque;
  const mapName = scalarText(argument.items[0]);
  const mapping = mapName ? get(scope.mappings, mapName) : undefined;
  if (!isMap(mapping)) return opaque;
  const topKey = singleText(argument.items[1], scope);
  const secondKey = singleText(argument.items[2], scope);
  if (secondKey === undefined) return opaque;
  if (topKey !== undefined) {
    const value = get(get(mapping, topKey), secondKey);
    return value ? evaluateString(value, scope) : opaque;
  }
  // The top-level key is not known: the result is still certain when every entry agrees.
  const candidates = new Set<string>();
  for (const entry of mapping.entries) {
    const text = singleText(get(entry.value, secondKey), scope);
    if (text === undefined) return opaque;
    candidates.add(text);
  }
  return candidates.size === 1 ? textAlternatives([...candidates][0]) : opaque;
}

function evaluateSelect(argument: Node | undefined, scope: Scope): StringAlternative[] {
  const opaque = single([unknown('expression', 'a Fn::Select over a computed list')]);
  if (!isSeq(argument) || argument.items.length !== 2) return opaque;
  const index = Number(scalarText(argument.items[0]));
  const list = argument.items[1];
  if (!Number.isInteger(index)) return opaque;
  if (isSeq(list)) return list.items[index] ? evaluateString(list.items[index], scope) : opaque;
  if (intrinsicName(list) === 'Fn::Split' && isMap(list)) {
    const split = list.entries[0].value;
    if (!isSeq(split)) return opaque;
    const delimiter = scalarText(split.items[0]);
    const text = singleText(split.items[1], scope);
    const piece = delimiter !== undefined && text !== undefined ? text.split(delimiter)[index] : undefined;
    return piece === undefined ? opaque : textAlternatives(piece);
  }
  return opaque;
}

/** The expression's value when it is one known string in every branch. */
export function singleText(node: Node | undefined, scope: Scope): string | undefined {
  const alternatives = evaluateString(node, scope);
  if (alternatives.length !== 1 || !alternatives[0].value) return undefined;
  let text = '';
  for (const part of alternatives[0].value) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'param' && part.value !== undefined) text += part.value;
    else return undefined;
  }
  return text;
}

function concatenate(pieces: StringAlternative[][]): StringAlternative[] {
  let result: StringAlternative[] = [{ value: [], conditions: NO_CONDITIONS }];
  for (const piece of pieces) {
    const next: StringAlternative[] = [];
    for (const left of result) {
      for (const right of piece) {
        const conditions = mergeConditions(left.conditions, right.conditions);
        if (!conditions) continue;
        const value = left.value && right.value ? [...left.value, ...right.value] : undefined;
        next.push({ value, conditions });
        if (next.length >= MAX_ALTERNATIVES) break;
      }
    }
    result = next;
  }
  return result;
}

/** Combined conditions, or undefined when one branch needs a condition true and the other false. */
export function mergeConditions(a: Conditions, b: Conditions): Conditions | undefined {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  const merged = new Map(a);
  for (const [name, holds] of b) {
    if (merged.has(name) && merged.get(name) !== holds) return undefined;
    merged.set(name, holds);
  }
  return merged;
}

/**
 * Whether `required` holds in every branch where `held` does. Conditions are only known by
 * name (two `Fn::Equals` on one parameter may exclude each other), so this is what makes a
 * finding about things existing together certain.
 */
export function implies(held: Conditions, required: Conditions): boolean {
  for (const [name, holds] of required) if (held.get(name) !== holds) return false;
  return true;
}

/** Where an ARN expression points: its account and region, three-valued. */
export interface ArnInfo {
  /** false: certainly not an ARN of the expected shape; undefined: cannot tell. */
  readonly isArn: boolean | undefined;
  readonly account: Resolved;
  readonly region: Resolved;
  readonly service: string | undefined;
  /** The resource part (`role/name`) when it is plain text. */
  readonly resource: string | undefined;
  /** The parts that make up the account field, to write the same account elsewhere. */
  readonly accountParts: readonly Part[];
  /** The parts that make up the partition field. */
  readonly partitionParts: readonly Part[];
  /** Set when the expression is `Ref` of a resource, which returns a name or id, not an ARN. */
  readonly refOf: { readonly logicalId: string; readonly type: string | undefined } | undefined;
}

const RESOURCE_ARN_SERVICE: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'iam', 'AWS::KMS::Key': 'kms', 'AWS::S3::Bucket': 's3',
};

export function analyseArn(parts: readonly Part[]): ArnInfo {
  const pipeline: Resolved = { kind: 'pipeline' };
  if (parts.length === 1) {
    const only = parts[0];
    if (only.kind === 'resource') {
      if (only.attribute === undefined) {
        return {
          isArn: false, account: pipeline, region: pipeline, service: undefined, resource: undefined,
          accountParts: [], partitionParts: [], refOf: { logicalId: only.logicalId, type: only.type },
        };
      }
      // Resources of the same stack live in the stack's account and region.
      const isArn = only.attribute === 'Arn' ? true : undefined;
      return {
        isArn, account: pipeline, region: pipeline, service: only.type ? RESOURCE_ARN_SERVICE[only.type] : undefined,
        resource: undefined, accountParts: [{ kind: 'pseudo', name: 'AWS::AccountId' }],
        partitionParts: [{ kind: 'pseudo', name: 'AWS::Partition' }], refOf: undefined,
      };
    }
    if (only.kind === 'param' && only.value === undefined) {
      // A whole ARN from a parameter says nothing about its account, not even that it is another one.
      const value: Resolved = { kind: 'unknown', reason: 'parameter', detail: `the value of parameter ${only.name}` };
      return {
        isArn: undefined, account: value, region: value, service: undefined, resource: undefined,
        accountParts: [], partitionParts: [], refOf: undefined,
      };
    }
    if (only.kind === 'unknown') {
      const value: Resolved = { kind: 'unknown', reason: only.reason, detail: only.detail };
      return {
        isArn: undefined, account: value, region: value, service: undefined, resource: undefined,
        accountParts: [], partitionParts: [], refOf: undefined,
      };
    }
  }
  const fields = splitFields(parts);
  const prefix = fieldText(fields[0]);
  const notArn: Resolved = { kind: 'unknown', reason: 'not-an-arn', detail: 'a value that is not an ARN' };
  if (prefix !== 'arn' || fields.length < 6) {
    const certain = fields.every((field) => fieldText(field) !== undefined);
    return {
      isArn: certain ? false : undefined, account: notArn, region: notArn, service: undefined, resource: undefined,
      accountParts: [], partitionParts: [], refOf: undefined,
    };
  }
  const resourceFields = fields.slice(5);
  const resourceTexts = resourceFields.map(fieldText);
  return {
    isArn: true,
    account: resolveField(fields[4], 'AWS::AccountId', ACCOUNT_ID),
    region: resolveField(fields[3], 'AWS::Region', /^[a-z0-9-]+$/),
    service: fieldText(fields[2]),
    resource: resourceTexts.every((text) => text !== undefined) ? resourceTexts.join(':') : undefined,
    accountParts: fields[4],
    partitionParts: fields[1],
    refOf: undefined,
  };
}

/** Splits parts on `:` inside text (and inside parameter values that are known). */
function splitFields(parts: readonly Part[]): Part[][] {
  const fields: Part[][] = [[]];
  for (const part of parts) {
    // A parameter whose value is a whole ARN (`!Ref DeployRoleArn`) splits like text.
    const text = part.kind === 'text' ? part.text
      : part.kind === 'param' && part.value?.includes(':') ? part.value : undefined;
    if (text === undefined) {
      fields[fields.length - 1].push(part);
      continue;
    }
    const pieces = text.split(':');
    pieces.forEach((piece, index) => {
      if (index > 0) fields.push([]);
      if (piece) fields[fields.length - 1].push({ kind: 'text', text: piece });
    });
  }
  return fields;
}

function fieldText(field: readonly Part[] | undefined): string | undefined {
  if (!field) return undefined;
  let text = '';
  for (const part of field) {
    if (part.kind !== 'text') return undefined;
    text += part.text;
  }
  return text;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * One ARN field, three-valued. A parameter's value only counts when it has the field's
 * shape: defaults such as `123456789` or `ACCOUNT_ID` are placeholders, not accounts.
 */
function resolveField(field: readonly Part[], pseudo: string, shape: RegExp): Resolved {
  if (field.length === 0) return { kind: 'literal', value: '' };
  if (field.length === 1) {
    const part = field[0];
    switch (part.kind) {
      case 'text':
        return { kind: 'literal', value: part.text };
      case 'pseudo':
        return part.name === pseudo ? { kind: 'pipeline' } : { kind: 'unknown', reason: 'expression', detail: `\${${part.name}}` };
      case 'param':
        return part.value !== undefined && shape.test(part.value)
          ? { kind: 'literal', value: part.value, param: part.name }
          : { kind: 'param', name: part.name };
      case 'unknown':
        return { kind: 'unknown', reason: part.reason, detail: part.detail };
      case 'resource':
        return { kind: 'unknown', reason: 'expression', detail: `an attribute of ${part.logicalId}` };
    }
  }
  const text = fieldText(field);
  return text !== undefined ? { kind: 'literal', value: text } : { kind: 'unknown', reason: 'expression', detail: 'a computed value' };
}
