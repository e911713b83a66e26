import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { actionLabel, actions, configField, configText } from './support';

const MODES_NEEDING_ROLE = new Set(['CREATE_UPDATE', 'REPLACE_ON_FAILURE', 'DELETE_ONLY', 'CHANGE_SET_REPLACE']);

export const rule: Rule = {
  meta: {
    id: 'CPX-R11',
    title: 'CloudFormation role missing',
    severity: 'error',
    description: 'Configuration.RoleArn, the role CloudFormation uses, is required for every ActionMode except CHANGE_SET_EXECUTE.',
    messages: {
      missing: "Action '{action}' needs Configuration.RoleArn (the role CloudFormation uses) for ActionMode {mode}. The action-level RoleArn is a different role and does not count.",
      missingInBranch: "In some Fn::If branches, action '{action}' has no Configuration.RoleArn (the role CloudFormation uses), which ActionMode {mode} needs: the action fails when it runs in that configuration.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (!isCloudFormationDeploy(action) || !action.configuration) continue;
      const mode = configText(action, 'ActionMode');
      if (!mode || !MODES_NEEDING_ROLE.has(mode)) continue;
      const cfnRole = configField(action, 'RoleArn');
      if (cfnRole && context.arns(cfnRole).every(({ value }) => value !== undefined)) continue;
      context.report({
        messageId: cfnRole ? 'missingInBranch' : 'missing',
        // Absent only in some Fn::If branches: a deliberate choice (a bootstrap deploy), so not certain to break.
        severity: cfnRole ? 'warning' : 'error',
        data: { action: actionLabel(action), mode },
        target: cfnRole ? { field: cfnRole } : { field: action.configuration, part: 'key' },
        related: action.roleArn ? [{ target: { field: action.roleArn }, message: 'The action role: the pipeline assumes it; CloudFormation needs its own role.' }] : [],
      });
    }
  },
};
