import type { Rule } from '../engine/types';
import { PIPELINE } from '../model/roles';
import { actionRegion, otherThanPipeline, regionText } from './regions';
import { actionLabel, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-G02',
    title: 'Cross-region action with a single ArtifactStore',
    severity: 'error',
    description: 'A pipeline with an action in another region must use ArtifactStores, with a store in each region.',
    messages: {
      crossRegion: "Action '{action}' runs in {region}, another region than the pipeline's ({pipelineRegion}), but the pipeline has a single ArtifactStore; cross-region actions need ArtifactStores with a store per region.",
      possible: "Action '{action}' sets Region {region}; unless the pipeline is in {region}, this is a cross-region action, which needs ArtifactStores instead of ArtifactStore.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action, pipeline] of actions(context.model)) {
      if (!pipeline.artifactStore || !action.region) continue;
      const region = actionRegion(context, action);
      const other = otherThanPipeline(context, region);
      if (!other) continue;
      context.report({
        messageId: other === 'certain' ? 'crossRegion' : 'possible',
        severity: other === 'certain' ? 'error' : 'warning',
        data: { action: actionLabel(action), region: regionText(context, region), pipelineRegion: regionText(context, PIPELINE) },
        target: { field: action.region },
        related: [{ target: { field: pipeline.artifactStore, part: 'key' }, message: 'The single artifact store.' }],
      });
    }
  },
};
