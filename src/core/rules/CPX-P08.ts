import type { Rule } from '../engine/types';
import { actionLabel, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-P08',
    title: 'Action role on a manual approval',
    severity: 'info',
    description: 'A manual approval runs nothing, so an action role on it has no effect.',
    messages: {
      role: "Manual approval '{action}' has an action RoleArn; an approval runs nothing in any account, so the role has no effect.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (action.owner !== 'AWS' || action.category !== 'Approval' || action.provider !== 'Manual' || !action.roleArn) continue;
      context.report({ messageId: 'role', data: { action: actionLabel(action) }, target: { field: action.roleArn, part: 'key' } });
    }
  },
};
