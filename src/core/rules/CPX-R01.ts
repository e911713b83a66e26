import type { Rule } from '../engine/types';
import { effectiveAccount, isCloudFormationDeploy, pairs } from '../model/roles';
import { keyFor } from '../model/types';
import { accountText, actionLabel, actionMap, actions, configField, roleArnValue } from './support';

/** The role name a fix writes until the user names the real action role. */
export const ACTION_ROLE_PLACEHOLDER = 'CodePipelineCrossAccountRole';

export const rule: Rule = {
  meta: {
    id: 'CPX-R01',
    title: 'CloudFormation role in another account, no action role',
    severity: 'error',
    description: 'A CloudFormation action without an action-level RoleArn runs as the pipeline role in the pipeline account, which cannot pass a CloudFormation role from another account.',
    messages: {
      certain: "Action '{action}' has no action-level RoleArn, so it runs as the pipeline role in the pipeline's account{pipelineAccount}. Its CloudFormation role (Configuration.RoleArn) is in account {account}, and CloudFormation cannot be passed a role from another account. Add an action RoleArn for a role in {account} that the pipeline role can assume.",
      possible: "Action '{action}' has no action-level RoleArn, so it runs as the pipeline role in the pipeline's account{pipelineAccount}. Its CloudFormation role (Configuration.RoleArn) is in account {account}; unless that is the pipeline's account, the deploy fails with 'Cross-account pass role is not allowed'. Add an action RoleArn in {account}.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action, pipeline] of actions(model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const cfnRole = configField(action, 'RoleArn');
      if (!cfnRole) continue;
      let verdict: 'certain' | 'possible' | undefined;
      let account = '';
      let witness;
      for (const [actionRole, cfn] of pairs(context.arns(action.roleArn), context.arns(cfnRole), action.conditions)) {
        // An account nothing is known about (a whole-ARN parameter, an import) is CPX-U01's to report.
        if (actionRole || !cfn || cfn.account.kind === 'unknown') continue;
        const comparison = context.compareAccounts(cfn.account, effectiveAccount(undefined));
        if (comparison === 'same') continue;
        if (comparison === 'different' || verdict === undefined) {
          verdict = comparison === 'different' ? 'certain' : 'possible';
          account = accountText(model, cfn.account);
          witness = cfn;
        }
        if (verdict === 'certain') break;
      }
      if (!verdict || !witness) continue;
      const roleKey = keyFor(model.dialect, 'RoleArn');
      const value = roleArnValue(model, witness, ACTION_ROLE_PLACEHOLDER);
      context.report({
        messageId: verdict,
        severity: verdict === 'certain' ? 'error' : 'warning',
        data: { action: actionLabel(action), account, pipelineAccount: model.pipelineAccountId ? ` (${model.pipelineAccountId})` : '' },
        target: { field: cfnRole },
        related: pipeline.roleArn
          ? [{ target: { field: pipeline.roleArn }, message: 'Without an action role, the action runs as this pipeline role.' }]
          : [],
        fixes: value && !action.roleArn ? [{
          title: 'Add the action role',
          // The role name is a placeholder the user must confirm, so the fix is not applied blindly.
          preferred: false,
          intents: [{
            kind: 'set-entry', map: actionMap(action), key: roleKey, value, styleFrom: cfnRole.node,
            before: keyFor(model.dialect, 'Configuration'),
            comment: `action role in account ${account}; check the role name`,
          }],
        }] : [],
      });
    }
  },
};
