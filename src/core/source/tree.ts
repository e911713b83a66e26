/**
 * The value tree every format is parsed into. Short-form YAML tags are already
 * normalised to their long form (`!Sub x` is a map `{ "Fn::Sub": x }`), so rules
 * and the model never see the difference between YAML and JSON.
 * Every node and key keeps `[start, end)` offsets into the source text.
 */

export type Path = ReadonlyArray<string | number>;

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface ScalarNode extends Span {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  /** How the scalar is written: a renderer keeps the user's quoting. */
  readonly style: 'plain' | 'single' | 'double' | 'block' | 'json';
}

export interface SeqNode extends Span {
  readonly kind: 'seq';
  readonly items: Node[];
  readonly flow: boolean;
}

export interface Entry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: Node;
}

export interface MapNode extends Span {
  readonly kind: 'map';
  readonly entries: Entry[];
  readonly flow: boolean;
  /** Set when the map stands for a YAML short tag (`!Sub`), with the tag's text. */
  readonly shortTag?: string;
}

/** A YAML alias (`*name`). CloudFormation does not expand aliases, so neither do we. */
export interface AliasNode extends Span {
  readonly kind: 'alias';
}

export type Node = ScalarNode | SeqNode | MapNode | AliasNode;

export type SourceFormat = 'yaml' | 'json';

export interface ParseProblem extends Span {
  readonly code: 'syntax' | 'duplicate-key' | 'too-deep';
  readonly message: string;
  /** For duplicate keys: the path of the mapping that holds the key, and the first occurrence. */
  readonly mapPath?: Path;
  readonly key?: string;
  readonly firstKey?: Span;
}

export interface SourceDocument {
  readonly text: string;
  readonly format: SourceFormat;
  /** Undefined when the text could not be parsed at all. */
  readonly root: Node | undefined;
  readonly problems: ParseProblem[];
}

export function isMap(node: Node | undefined): node is MapNode {
  return node?.kind === 'map';
}

export function isSeq(node: Node | undefined): node is SeqNode {
  return node?.kind === 'seq';
}

export function isScalar(node: Node | undefined): node is ScalarNode {
  return node?.kind === 'scalar';
}

/** The last entry with this key wins, as in JSON.parse and CloudFormation's JSON reader. */
export function getEntry(map: MapNode, key: string): Entry | undefined {
  const entries = map.entries;
  for (let i = entries.length - 1; i >= 0; i--) {
    if (entries[i].key === key) return entries[i];
  }
  return undefined;
}

export function get(node: Node | undefined, key: string): Node | undefined {
  return isMap(node) ? getEntry(node, key)?.value : undefined;
}

/** The scalar's value as text, or undefined for null, collections and intrinsics. */
export function scalarText(node: Node | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return String(node.value);
}

/** The single key of an intrinsic function map (`Ref`, `Fn::Sub`, `Condition`…), if it is one. */
export function intrinsicName(node: Node | undefined): string | undefined {
  if (!isMap(node) || node.entries.length !== 1) return undefined;
  const key = node.entries[0].key;
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') ? key : undefined;
}

export interface Located {
  readonly node: Node;
  /** The key's span when the path ends at a mapping entry. */
  readonly key?: Span;
}

/** Follows a path from the root; the locator every finding and fix goes through. */
export function locate(root: Node | undefined, path: Path): Located | undefined {
  let node = root;
  let key: Span | undefined;
  for (const step of path) {
    if (node === undefined) return undefined;
    if (typeof step === 'number') {
      if (!isSeq(node)) return undefined;
      node = node.items[step];
      key = undefined;
    } else {
      if (!isMap(node)) return undefined;
      const entry = getEntry(node, step);
      if (!entry) return undefined;
      node = entry.value;
      key = { start: entry.keyStart, end: entry.keyEnd };
    }
  }
  return node ? { node, key } : undefined;
}

/** The node as plain data (intrinsics in their long form), for comparing values written in any style. */
export function plainValue(node: Node): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainValue);
    case 'map':
      return Object.fromEntries(node.entries.map((entry) => [entry.key, plainValue(entry.value)]));
    case 'alias':
      return undefined;
  }
}
