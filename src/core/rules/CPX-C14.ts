import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { keyFor } from '../model/types';
import { actionRolePolicies, allows } from './policies';
import { actionLabel, actions, actionTarget } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C14',
    title: 'Action role cannot read stack events',
    severity: 'info',
    description: "When the role that runs a CloudFormation action lacks cloudformation:DescribeStackEvents, the pipeline cannot show why a deployment failed.",
    messages: {
      noEvents: "The role that runs action '{action}' ({role}) is not allowed cloudformation:DescribeStackEvents, so a failed deployment shows no reason in the pipeline.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action, pipeline] of actions(model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const policies = actionRolePolicies(context, action, pipeline);
      if (!policies?.complete || policies.statements.some((statement) => allows(statement, 'cloudformation:DescribeStackEvents'))) continue;
      const role = model.resources.get(policies.logicalId);
      context.report({
        messageId: 'noEvents',
        data: { action: actionLabel(action), role: policies.logicalId },
        target: actionTarget(action, keyFor(model.dialect, 'Name')),
        related: role ? [{ target: { field: role, part: 'key' }, message: 'The role that runs the action.' }] : [],
      });
    }
  },
};
