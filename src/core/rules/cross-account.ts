import type { RuleContext } from '../engine/types';
import type { Resolved } from '../model/resolved';
import { effectiveAccount, PIPELINE } from '../model/roles';
import { keyFor, type ActionModel } from '../model/types';
import { accountText, actionLabel, actions, actionTarget } from './support';

/** The account an action runs in when it is certainly not the pipeline's (in some `Fn::If` branch). */
export function otherAccountOf(context: RuleContext, action: ActionModel): Resolved | undefined {
  return context.arns(action.roleArn).map(({ value }) => effectiveAccount(value))
    .find((account) => context.compareAccounts(account, PIPELINE) === 'different');
}

/** Reports `messageId` on each action of an AWS provider that runs in another account than the pipeline. */
export function reportCrossAccount(context: RuleContext, category: string, provider: string, messageId: string): void {
  const { model } = context;
  for (const [action] of actions(model)) {
    if (action.owner !== 'AWS' || action.category !== category || action.provider !== provider) continue;
    const account = otherAccountOf(context, action);
    if (!account) continue;
    context.report({ messageId, data: { action: actionLabel(action), account: accountText(model, account) }, target: actionTarget(action, keyFor(model.dialect, 'Name')) });
  }
}
