import type { Rule } from '../engine/types';
import type { ArtifactStoreModel } from '../model/types';
import { bucketIdentity, regionText, storeRegion } from './regions';

export const rule: Rule = {
  meta: {
    id: 'CPX-G08',
    title: 'One artifact bucket for several regions',
    severity: 'info',
    description: 'An S3 bucket lives in one region, so each regional artifact store needs its own bucket in that region.',
    messages: {
      shared: 'The artifact store for {region} uses the same bucket as the store for {otherRegion}; a bucket is in one region only, so artifacts for the other region cannot be stored there.',
    },
    fixable: false,
  },
  check(context) {
    for (const pipeline of context.model.pipelines) {
      const byBucket = new Map<string, ArtifactStoreModel>();
      for (const store of pipeline.artifactStores ?? []) {
        const bucket = bucketIdentity(context, store.location);
        if (bucket === undefined || !store.location) continue;
        const other = byBucket.get(bucket);
        if (!other) {
          byBucket.set(bucket, store);
          continue;
        }
        const region = storeRegion(context, store);
        const otherRegion = storeRegion(context, other);
        if (context.compareRegions(region, otherRegion) === 'same') continue;
        context.report({
          messageId: 'shared',
          data: { region: regionText(context, region), otherRegion: regionText(context, otherRegion) },
          target: { field: store.location },
          related: [{ target: { field: other.location ?? other }, message: 'The same bucket, for another region.' }],
        });
      }
    }
  },
};
