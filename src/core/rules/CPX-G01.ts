import type { Rule } from '../engine/types';
import { pairs } from '../model/roles';
import { structureField, wholePipelines } from './structure';

export const rule: Rule = {
  meta: {
    id: 'CPX-G01',
    title: 'ArtifactStore and ArtifactStores both set, or neither',
    severity: 'error',
    description: 'A pipeline has either one ArtifactStore or, for cross-region actions, ArtifactStores; never both, never neither.',
    messages: {
      both: 'The pipeline sets both ArtifactStore and ArtifactStores{branch}; use ArtifactStores alone when there are cross-region actions, ArtifactStore otherwise.',
      neither: 'The pipeline has no ArtifactStore and no ArtifactStores{branch}; one of them is required.',
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of wholePipelines(model)) {
      const single = structureField(model, pipeline, 'ArtifactStore');
      const multiple = structureField(model, pipeline, 'ArtifactStores');
      // Each store may be behind Fn::If; only branches that can hold together count (AWS::NoValue is absent).
      for (const [one, many, conditions] of pairs(context.values(single), context.values(multiple), new Map())) {
        if ((one !== undefined) !== (many !== undefined)) continue;
        const branch = conditions.size > 0 ? ` when ${[...conditions].map(([name, holds]) => `${name} is ${holds}`).join(' and ')}` : '';
        context.report({
          messageId: one ? 'both' : 'neither',
          data: { branch },
          severity: conditions.size > 0 ? 'warning' : 'error',
          target: { field: multiple ?? single ?? pipeline, part: 'key' },
        });
        break;
      }
    }
  },
};
