import type { Rule } from '../engine/types';
import { singleText } from '../model/evaluate';
import { effectiveAccount, isCloudFormationDeploy, PIPELINE } from '../model/roles';
import type { Resolved } from '../model/resolved';
import { keyFor, type ActionModel } from '../model/types';
import { accountText, actionLabel, actions, actionTarget, configField, configText } from './support';
import type { RuleContext } from '../engine/types';

export const rule: Rule = {
  meta: {
    id: 'CPX-R13',
    title: 'Change set created and executed in different accounts or regions',
    severity: 'error',
    description: 'The action that executes a change set must run in the account and region where the change set was created.',
    messages: {
      account: "Action '{execute}' executes change set '{changeSet}' in account {executeAccount}, but '{replace}' creates it in account {replaceAccount}. Give both actions the same action RoleArn.",
      region: "Action '{execute}' executes change set '{changeSet}' in region {executeRegion}, but '{replace}' creates it in region {replaceRegion}. Give both actions the same Region.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    const replaceActions = new Map<string, ActionModel>();
    const executeActions: [string, ActionModel][] = [];
    for (const [action] of actions(model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const stack = singleText(configField(action, 'StackName')?.node, model.scope);
      const changeSet = singleText(configField(action, 'ChangeSetName')?.node, model.scope);
      if (stack === undefined || changeSet === undefined) continue;
      const key = `${stack}\u0000${changeSet}`;
      const mode = configText(action, 'ActionMode');
      if (mode === 'CHANGE_SET_REPLACE') replaceActions.set(key, action);
      if (mode === 'CHANGE_SET_EXECUTE') executeActions.push([key, action]);
    }
    for (const [key, execute] of executeActions) {
      const replace = replaceActions.get(key);
      if (!replace) continue;
      const changeSet = key.split('\u0000')[1];
      const names = { execute: actionLabel(execute), replace: actionLabel(replace), changeSet };
      const target = actionTarget(execute, keyFor(model.dialect, 'Name'));
      const related = [{ target: actionTarget(replace, keyFor(model.dialect, 'Name')), message: 'The action that creates the change set.' }];
      const replaceAccount = certainAccount(context, replace);
      const executeAccount = certainAccount(context, execute);
      if (replaceAccount && executeAccount && context.compareAccounts(replaceAccount, executeAccount) === 'different') {
        context.report({
          messageId: 'account', target, related,
          data: { ...names, executeAccount: accountText(model, executeAccount), replaceAccount: accountText(model, replaceAccount) },
        });
        continue;
      }
      const replaceRegion = regionOf(context, replace);
      const executeRegion = regionOf(context, execute);
      if (context.compareRegions(replaceRegion, executeRegion) === 'different') {
        context.report({
          messageId: 'region', target, related,
          data: { ...names, executeRegion: regionText(context, executeRegion), replaceRegion: regionText(context, replaceRegion) },
        });
      }
    }
  },
};

/** The account an action runs in, when every branch agrees. */
function certainAccount(context: RuleContext, action: ActionModel): Resolved | undefined {
  const accounts = context.arns(action.roleArn).map(({ value }) => effectiveAccount(value));
  const [first] = accounts;
  return accounts.every((account) => context.compareAccounts(account, first) === 'same') ? first : undefined;
}

function regionOf(context: RuleContext, action: ActionModel): Resolved {
  if (!action.region) return PIPELINE;
  const region = singleText(action.region.node, context.model.scope);
  return region === undefined ? { kind: 'unknown', reason: 'expression', detail: 'a computed region' } : { kind: 'literal', value: region };
}

function regionText(context: RuleContext, region: Resolved): string {
  if (region.kind === 'literal') return region.value;
  return context.model.pipelineRegion ?? "the pipeline's region";
}
