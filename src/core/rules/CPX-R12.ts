import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { actions, configField, configText } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-R12',
    title: 'CloudFormation role ignored when executing a change set',
    severity: 'info',
    description: 'RoleArn is not applied when a change set is executed; the role attached to the change set or stack is used.',
    messages: {
      ignored: 'Configuration.RoleArn is ignored with ActionMode CHANGE_SET_EXECUTE: executing a change set uses the role the change set (or the stack) was created with.',
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (!isCloudFormationDeploy(action) || configText(action, 'ActionMode') !== 'CHANGE_SET_EXECUTE') continue;
      const cfnRole = configField(action, 'RoleArn');
      if (cfnRole) context.report({ messageId: 'ignored', target: { field: cfnRole, part: 'key' } });
    }
  },
};
