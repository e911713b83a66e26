import type { Rule } from '../engine/types';
import { deployments } from './deployed';
import { textOf } from './cloudformation';
import { actionLabel, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S10',
    title: 'Service-managed StackSet with a transform or macro',
    severity: 'error',
    description: 'StackSets with service-managed permissions do not support macros, including the AWS::Include and AWS::Serverless transforms.',
    messages: {
      macro: "StackSet action '{action}' uses PermissionModel SERVICE_MANAGED, but its template uses a transform or macro; service-managed StackSets do not support macros. Deploy the processed template, or use SELF_MANAGED permissions.",
    },
    fixable: false,
  },
  check(context) {
    for (const { action, facts } of deployments(context)) {
      if (action.owner !== 'AWS' || action.provider !== 'CloudFormationStackSet' || !facts.usesMacro) continue;
      const permissionModel = configField(action, 'PermissionModel');
      if (!permissionModel || !context.values(permissionModel).some((alternative) => textOf(alternative) === 'SERVICE_MANAGED')) continue;
      context.report({ messageId: 'macro', data: { action: actionLabel(action) }, target: { field: permissionModel } });
    }
  },
};
