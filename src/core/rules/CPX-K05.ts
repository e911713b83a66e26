import type { Rule } from '../engine/types';
import { keyedStores, storeRegion } from '../model/access';
import { describe, type Resolved } from '../model/resolved';

export const rule: Rule = {
  meta: {
    id: 'CPX-K05',
    title: 'Key region differs from the store region',
    severity: 'error',
    description: 'KMS keys are regional: an artifact store must be encrypted with a key in its own region.',
    messages: {
      region: 'The artifact key is in region {keyRegion}, but this artifact store is in region {storeRegion}. KMS keys are regional: use a key in {storeRegion}.',
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    const text = (value: Resolved): string => (value.kind === 'pipeline' && model.pipelineRegion ? model.pipelineRegion : describe(value, 'region'));
    for (const [store, key] of keyedStores(model)) {
      const region = storeRegion(store, model);
      if (context.compareRegions(key.region, region) !== 'different') continue;
      context.report({ messageId: 'region', data: { keyRegion: text(key.region), storeRegion: text(region) }, target: { field: key.field } });
    }
  },
};
