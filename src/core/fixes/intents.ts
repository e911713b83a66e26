import type { Entry, MapNode, Node, SeqNode, SourceDocument, Span } from '../source';
import type { Field } from '../model/types';

/** A value a fix writes, rendered in the file's own format and style. */
export type FixValue =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'sub'; readonly template: string }
  | { readonly kind: 'getAtt'; readonly logicalId: string; readonly attribute: string }
  | { readonly kind: 'ref'; readonly logicalId: string }
  /** The source text of an existing node, as the user wrote it. */
  | { readonly kind: 'copy'; readonly node: Node }
  /** A mapping whose values may be intrinsics (a policy statement, a resource): block style in YAML. */
  | { readonly kind: 'mapping'; readonly entries: readonly (readonly [string, FixValue])[] }
  | { readonly kind: 'list'; readonly items: readonly FixValue[] }
  /** Plain data (strings, lists, mappings), written as a YAML flow collection or JSON. */
  | { readonly kind: 'data'; readonly value: FixData };

export type FixData = string | readonly FixData[] | { readonly [key: string]: FixData };

/**
 * What a fix means, independent of the format. Renderers turn intents into the smallest
 * text edits; an intent whose effect is already there renders to nothing, so applying a
 * fix twice changes nothing.
 */
export type FixIntent =
  | {
    readonly kind: 'set-entry'; readonly map: Field<MapNode>; readonly key: string; readonly value: FixValue;
    /** A trailing YAML comment to write after the value. */
    readonly comment?: string;
    /** A node whose quoting and tag style the new value should follow. */
    readonly styleFrom?: Node;
    /** Insert before this key of the map (when it starts its own line) instead of after the last entry. */
    readonly before?: string;
  }
  | { readonly kind: 'replace'; readonly target: Field; readonly value: FixValue; readonly styleFrom?: Node }
  | { readonly kind: 'remove-entry'; readonly map: Field<MapNode>; readonly entry: Entry }
  /** Adds an item at the end of a sequence, unless an equal item is already there. */
  | { readonly kind: 'append-item'; readonly seq: Field<SeqNode>; readonly value: FixValue; readonly styleFrom?: Node }
  /** A YAML comment on its own line above the line of `at`, indented like it; nothing in JSON. */
  | { readonly kind: 'comment-above'; readonly at: Span; readonly text: string };

export interface FixDescriptor {
  readonly title: string;
  readonly preferred: boolean;
  readonly intents: readonly FixIntent[];
  /**
   * Another file of the workspace whose text the intents edit (the template that defines a role
   * the finding's file names); the finding's own file when absent.
   */
  readonly in?: { readonly fileName: string; readonly source: SourceDocument };
}
