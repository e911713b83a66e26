import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { MODE_MATRIX, modeBranches, presenceUnder } from './cloudformation';
import { actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C04',
    title: 'Property ignored in this ActionMode',
    severity: 'info',
    description: 'Some CloudFormation action properties have no effect in some modes: ChangeSetName outside the change-set modes, the template and its parameters when executing a change set or deleting a stack.',
    messages: {
      ignored: '{key} is ignored with ActionMode {mode}; it has no effect here.',
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const reported = new Set<string>();
      for (const { mode, conditions } of modeBranches(context, action)) {
        for (const key of MODE_MATRIX[mode].ignored) {
          const field = configField(action, key);
          if (!field || reported.has(key) || presenceUnder(context, field, conditions) === 'never') continue;
          reported.add(key);
          context.report({ messageId: 'ignored', data: { key, mode }, target: { field, part: 'key' } });
        }
      }
    }
  },
};
