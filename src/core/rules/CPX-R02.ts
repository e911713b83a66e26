import type { Rule } from '../engine/types';
import { isCloudFormationDeploy, pairs } from '../model/roles';
import { accountText, actionLabel, actions, configField, roleArnValue, roleNameOf } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-R02',
    title: 'Action role and CloudFormation role in different accounts',
    severity: 'error',
    description: 'The CloudFormation role must be in the same account as the action role, because a role can only be passed within its own account.',
    messages: {
      mismatch: "The CloudFormation role of action '{action}' (Configuration.RoleArn, account {cfnAccount}) must be in the same account as its action role (RoleArn, account {actionAccount}): CloudFormation cannot be passed a role from another account.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (!isCloudFormationDeploy(action) || !action.roleArn) continue;
      const cfnRole = configField(action, 'RoleArn');
      if (!cfnRole) continue;
      const mismatch = pairs(context.arns(action.roleArn), context.arns(cfnRole), action.conditions).find(
        ([actionRole, cfn]) => actionRole && cfn && context.compareAccounts(actionRole.account, cfn.account) === 'different',
      );
      if (!mismatch) continue;
      const [actionRole, cfn] = mismatch;
      if (!actionRole || !cfn) continue;
      const value = roleArnValue(model, actionRole, roleNameOf(cfn) ?? 'CloudFormationDeployRole');
      context.report({
        messageId: 'mismatch',
        data: {
          action: actionLabel(action), cfnAccount: accountText(model, cfn.account), actionAccount: accountText(model, actionRole.account),
        },
        target: { field: cfnRole },
        related: [{ target: { field: action.roleArn }, message: 'The action role: the CloudFormation role must be in its account.' }],
        fixes: value ? [{
          title: "Use the action role's account",
          preferred: false,
          intents: [{ kind: 'replace', target: cfnRole, value, styleFrom: action.roleArn.node }],
        }] : [],
      });
    }
  },
};
