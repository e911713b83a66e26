import type { Rule } from '../engine/types';
import { getEntry } from '../source';
import { keyFor } from '../model/types';
import { actionMap, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-R03',
    title: 'Action role on an action not owned by AWS',
    severity: 'error',
    description: 'Only actions with Owner AWS can have an action-level RoleArn.',
    messages: {
      notAws: "Action roles are only supported for actions with Owner 'AWS'; this action's owner is '{owner}'. Remove RoleArn or use an AWS-owned provider.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (!action.roleArn || (action.owner !== 'ThirdParty' && action.owner !== 'Custom')) continue;
      const entry = getEntry(action.node, keyFor(model.dialect, 'RoleArn'));
      context.report({
        messageId: 'notAws',
        data: { owner: action.owner },
        target: { field: action.roleArn, part: 'key' },
        fixes: entry ? [{
          title: 'Remove the action role',
          preferred: true,
          intents: [{ kind: 'remove-entry', map: actionMap(action), entry }],
        }] : [],
      });
    }
  },
};
