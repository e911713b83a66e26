import type { Rule } from '../engine/types';
import { deployments } from './deployed';
import { actionRegion, regionText } from './regions';
import { actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S07',
    title: 'Packaged code in another region',
    severity: 'error',
    description: 'Lambda code and nested templates must be in an S3 bucket in the region the stack is deployed to.',
    messages: {
      region: "{resource}.{property} is in an S3 bucket in {bucketRegion}, but action '{action}' deploys to {region}; package into a bucket in {region}.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const { action, templatePath, template, facts } of deployments(context)) {
      const region = actionRegion(context, action);
      for (const located of facts.regionalUrls) {
        if (context.compareRegions({ kind: 'literal', value: located.region }, region) !== 'different') continue;
        context.report({
          messageId: 'region',
          data: {
            resource: located.resource.logicalId, property: located.property, bucketRegion: located.region,
            action: actionLabel(action), region: regionText(context, region),
          },
          target: { field: templatePath },
          related: template === model ? [{ target: { field: located.field }, message: 'The packaged location.' }] : [],
        });
      }
    }
  },
};
