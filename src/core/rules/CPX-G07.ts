import type { Rule } from '../engine/types';
import { PIPELINE } from '../model/roles';
import { actionRegion, otherThanPipeline, regionText } from './regions';
import { actionLabel, actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-G07',
    title: 'S3 deploy target bucket in another region',
    severity: 'error',
    description: 'The S3 deploy action writes to a bucket in the region the action runs in.',
    messages: {
      region: "Action '{action}' runs in {actionRegion}, but bucket {bucket} is declared in this stack, so it is in {bucketRegion}; the S3 deploy action fails with 'The bucket named ... is not located in the ... AWS region'.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (action.owner !== 'AWS' || action.category !== 'Deploy' || action.provider !== 'S3' || !action.region) continue;
      const bucket = configField(action, 'BucketName');
      const alternatives = context.values(bucket);
      const part = alternatives.length === 1 && alternatives[0].value?.length === 1 ? alternatives[0].value[0] : undefined;
      // A bucket of the same stack is in the stack's region, which is the pipeline's.
      if (!bucket || part?.kind !== 'resource' || part.type !== 'AWS::S3::Bucket') continue;
      const region = actionRegion(context, action);
      const other = otherThanPipeline(context, region);
      if (!other) continue;
      context.report({
        messageId: 'region',
        // With the stack's region unknown, the bucket is elsewhere unless the stack is deployed in that region.
        severity: other === 'certain' ? 'error' : 'warning',
        data: { action: actionLabel(action), actionRegion: regionText(context, region), bucket: part.logicalId, bucketRegion: regionText(context, PIPELINE) },
        target: { field: bucket },
        related: [{ target: { field: action.region }, message: 'The action runs in this region.' }],
      });
    }
  },
};
