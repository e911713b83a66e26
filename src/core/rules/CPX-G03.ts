import type { Rule, RuleContext } from '../engine/types';
import { mergeConditions } from '../model/evaluate';
import type { Resolved } from '../model/resolved';
import { PIPELINE } from '../model/roles';
import type { ArtifactStoreModel } from '../model/types';
import { actionRegion, regionText, storeRegion } from './regions';
import { structureField, wholePipelines } from './structure';
import { actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-G03',
    title: 'No artifact store for a region',
    severity: 'error',
    description: 'ArtifactStores needs a store for the pipeline region and one for each region an action runs in.',
    messages: {
      pipelineRegion: "ArtifactStores has no store for the pipeline's region ({region}); there must be one for the pipeline region and one for each cross-region action.",
      actionRegion: "Action '{action}' runs in {region}, but ArtifactStores has no store for that region.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of wholePipelines(model)) {
      const stores = pipeline.artifactStores;
      if (!stores || stores.length === 0) continue;
      const field = structureField(model, pipeline, 'ArtifactStores');
      if (field && lacksStore(context, stores, PIPELINE, new Map())) {
        context.report({ messageId: 'pipelineRegion', data: { region: regionText(context, PIPELINE) }, target: { field, part: 'key' } });
      }
      for (const stage of pipeline.stages) {
        for (const action of stage.actions) {
          if (!action.region) continue;
          const region = actionRegion(context, action);
          if (!lacksStore(context, stores, region, action.conditions)) continue;
          context.report({ messageId: 'actionRegion', data: { action: actionLabel(action), region: regionText(context, region) }, target: { field: action.region } });
        }
      }
    }
  },
};

/** True only when every store that can exist with `conditions` is certainly in another region. */
function lacksStore(context: RuleContext, stores: readonly ArtifactStoreModel[], region: Resolved, conditions: ReadonlyMap<string, boolean>): boolean {
  return stores
    .filter((store) => mergeConditions(store.conditions, conditions))
    .every((store) => context.compareRegions(storeRegion(context, store), region) === 'different');
}
