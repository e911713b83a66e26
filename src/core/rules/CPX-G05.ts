import type { Rule } from '../engine/types';
import { AWS_REGIONS, REGION_SHAPE, storeRegion } from './regions';

export const rule: Rule = {
  meta: {
    id: 'CPX-G05',
    title: 'Artifact store region is not a Region',
    severity: 'error',
    description: 'Each ArtifactStores entry names an AWS Region where CodePipeline runs.',
    messages: {
      notRegion: "'{region}' is not an AWS Region name (like eu-west-1).",
      unknownRegion: "'{region}' is not a Region this linter knows; check that it exists and that CodePipeline is available there.",
    },
    fixable: false,
  },
  check(context) {
    for (const pipeline of context.model.pipelines) {
      for (const store of pipeline.artifactStores ?? []) {
        const region = storeRegion(context, store);
        if (region.kind !== 'literal' || AWS_REGIONS.has(region.value)) continue;
        const shaped = REGION_SHAPE.test(region.value);
        context.report({
          messageId: shaped ? 'unknownRegion' : 'notRegion',
          severity: shaped ? 'warning' : 'error',
          data: { region: region.value },
          target: store.regionField ? { field: store.regionField } : { field: store, part: 'key' },
        });
      }
    }
  },
};
