import { plainValue } from '../source';
import type { FixValue } from './intents';

/** A fix value as plain data: what JSON writes, and what tells whether an equal value is already there. */
export function plainOf(value: FixValue): unknown {
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'sub':
      return { 'Fn::Sub': value.template };
    case 'getAtt':
      return { 'Fn::GetAtt': [value.logicalId, value.attribute] };
    case 'ref':
      return { Ref: value.logicalId };
    case 'copy':
      return plainValue(value.node);
    case 'data':
      return value.value;
    case 'mapping':
      return Object.fromEntries(value.entries.map(([key, item]) => [key, plainOf(item)]));
    case 'list':
      return value.items.map(plainOf);
  }
}

/** Whether a sequence already holds an item equal to the value. */
export function holdsItem(items: readonly Parameters<typeof plainValue>[0][], value: FixValue): boolean {
  const wanted = JSON.stringify(plainOf(value));
  return items.some((item) => JSON.stringify(plainValue(item)) === wanted);
}
