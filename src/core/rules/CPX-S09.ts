import type { Rule } from '../engine/types';
import { analyseArn, evaluateString } from '../model/evaluate';
import { effectiveAccount, isCloudFormationDeploy } from '../model/roles';
import { deployments } from './deployed';
import { accountText, actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S09',
    title: 'Function role in another account than the stack',
    severity: 'error',
    description: 'A Lambda function’s execution role must be in the account the stack is deployed to: a role cannot be passed across accounts.',
    messages: {
      role: "{resource}.Role is a role in account {roleAccount}, but action '{action}' deploys the stack in account {account}; Lambda fails with 'Cross-account pass role is not allowed'. Use !GetAtt of a role in the stack or ${AWS::AccountId}.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const { action, templatePath, template, facts } of deployments(context)) {
      if (!isCloudFormationDeploy(action)) continue;
      const accounts = context.arns(action.roleArn).map(({ value }) => effectiveAccount(value));
      for (const { resource, field } of facts.functionRoles) {
        for (const { value: parts } of evaluateString(field.node, template.scope)) {
          const arn = parts ? analyseArn(parts) : undefined;
          // `${AWS::AccountId}` in the deployed template is the target account itself: only written accounts can differ.
          if (arn?.account.kind !== 'literal') continue;
          const account = accounts.find((candidate) => context.compareAccounts(arn.account, candidate) === 'different');
          if (!account) continue;
          context.report({
            messageId: 'role',
            data: { resource: resource.logicalId, roleAccount: accountText(model, arn.account), action: actionLabel(action), account: accountText(model, account) },
            target: { field: templatePath },
            related: template === model ? [{ target: { field }, message: 'The function role.' }] : [],
          });
          break;
        }
      }
    }
  },
};
