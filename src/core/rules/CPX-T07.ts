import type { Rule } from '../engine/types';
import { getEntry, isMap } from '../source';

export const rule: Rule = {
  meta: {
    id: 'CPX-T07',
    title: 'get-pipeline metadata in a pipeline file',
    severity: 'info',
    description: 'The metadata block printed by get-pipeline must be removed before the file is given to update-pipeline.',
    messages: {
      metadata: 'This file still holds the metadata block printed by get-pipeline; remove it before passing the file to update-pipeline.',
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    const root = model.source.root;
    const entry = model.kind === 'pipeline-output' && isMap(root) ? getEntry(root, 'metadata') : undefined;
    if (entry) context.report({ messageId: 'metadata', target: { field: { node: entry.value, path: ['metadata'] }, part: 'key' } });
  },
};
