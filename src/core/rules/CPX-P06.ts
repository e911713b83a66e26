import type { Rule } from '../engine/types';
import { PIPELINE } from '../model/roles';
import { describe } from '../model/resolved';
import { actionLabel, actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-P06',
    title: 'Connection in another account or region',
    severity: 'warning',
    description: 'A CodeStar (CodeConnections) connection belongs to one account and region, which must be the pipeline’s.',
    messages: {
      account: "Source action '{action}' uses a connection in account {value}, not the pipeline's account; a connection can only be used by pipelines of its own account.",
      region: "Source action '{action}' uses a connection in region {value}, not the pipeline's region; the connection must be in the pipeline's region.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (action.owner !== 'AWS' || action.category !== 'Source' || action.provider !== 'CodeStarSourceConnection') continue;
      const connection = configField(action, 'ConnectionArn');
      if (!connection) continue;
      for (const { value: arn } of context.arns(connection)) {
        if (!arn?.isArn) continue;
        if (context.compareAccounts(arn.account, PIPELINE) === 'different') {
          context.report({ messageId: 'account', data: { action: actionLabel(action), value: describe(arn.account, 'account') }, target: { field: connection } });
        } else if (context.compareRegions(arn.region, PIPELINE) === 'different') {
          context.report({ messageId: 'region', data: { action: actionLabel(action), value: describe(arn.region, 'region') }, target: { field: connection } });
        } else {
          continue;
        }
        break;
      }
    }
  },
};
