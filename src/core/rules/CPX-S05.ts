import type { Rule } from '../engine/types';
import { deployments } from './deployed';
import { actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S05',
    title: 'Unpackaged template deployed',
    severity: 'error',
    description: 'A template whose code or nested template locations are local paths must be packaged (sam package, aws cloudformation package) before a pipeline deploys it.',
    messages: {
      local: "The template that action '{action}' deploys has local paths ({paths}); CloudFormation needs S3 locations. Package it in a build action (sam package / aws cloudformation package) and deploy the packaged template.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const { action, templatePath, template, facts: { localPaths } } of deployments(context)) {
      if (localPaths.length === 0) continue;
      context.report({
        messageId: 'local',
        data: { action: actionLabel(action), paths: localPaths.map(({ resource, property }) => `${resource.logicalId}.${property}`).join(', ') },
        target: { field: templatePath },
        // Places in another file cannot be pointed at from this one.
        related: template === model ? localPaths.map(({ field }) => ({ target: { field }, message: 'A local path.' })) : [],
      });
    }
  },
};
