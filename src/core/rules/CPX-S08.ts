import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { deployments, SERVERLESS_TRANSFORM } from './deployed';
import { actionRolePolicies, allows, resources, wildcardMatches } from './policies';
import { actionLabel } from './support';

const TRANSFORM_ARN = 'arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31';

export const rule: Rule = {
  meta: {
    id: 'CPX-S08',
    title: 'CreateChangeSet not allowed on the Serverless transform',
    severity: 'warning',
    description: 'Creating a change set for a SAM template needs cloudformation:CreateChangeSet on the transform resource arn:aws:cloudformation:<region>:aws:transform/Serverless-2016-10-31, not only on the stack.',
    messages: {
      transform: "The role that runs action '{action}' ({role}) is allowed cloudformation:CreateChangeSet only on stacks, but the template uses {transform}; also allow it on arn:${AWS::Partition}:cloudformation:${AWS::Region}:aws:transform/Serverless-2016-10-31.",
    },
    fixable: false,
  },
  check(context) {
    for (const { action, pipeline, templatePath, facts } of deployments(context)) {
      if (!isCloudFormationDeploy(action) || !facts.transforms.includes(SERVERLESS_TRANSFORM)) continue;
      const policies = actionRolePolicies(context, action, pipeline);
      const granting = policies?.statements.filter((statement) => allows(statement, 'cloudformation:CreateChangeSet')) ?? [];
      if (!policies?.complete || granting.length === 0) continue;
      // A computed resource or a pattern matching the transform (`*`, `arn:aws:cloudformation:*`) covers it.
      const coversTransform = granting.some((statement) => resources(statement).some((resource) =>
        resource === undefined || resource.includes('transform/') || wildcardMatches(resource.replace(/\$\{[^}]*\}/g, '*'), TRANSFORM_ARN)));
      if (coversTransform) continue;
      context.report({
        messageId: 'transform',
        data: { action: actionLabel(action), role: policies.logicalId, transform: SERVERLESS_TRANSFORM },
        target: { field: templatePath },
      });
    }
  },
};
