import type { Rule } from '../engine/types';
import { templateFacts } from './deployed';
import { actionRegion, regionText } from './regions';
import { actionLabel, actions, configField } from './support';

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
    for (const [action] of actions(model)) {
      const templatePath = configField(action, 'TemplatePath');
      const template = templatePath ? context.deployedTemplate(action) : undefined;
      if (!templatePath || !template) continue;
      const region = actionRegion(context, action);
      for (const located of templateFacts(template).regionalUrls) {
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
