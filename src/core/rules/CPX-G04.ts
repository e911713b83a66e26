import type { Rule } from '../engine/types';
import { actionRegion, otherThanPipeline, regionText } from './regions';
import { actionLabel, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-G04',
    title: 'Region on a source, third-party or custom action',
    severity: 'error',
    description: 'Source actions and actions owned by ThirdParty or Custom cannot run in another region.',
    messages: {
      region: "Action '{action}' ({what}) sets Region {region}; cross-region actions are not supported for source, third-party or custom actions.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (!action.region) continue;
      const what = action.category === 'Source' ? 'a source action' : action.owner === 'ThirdParty' || action.owner === 'Custom' ? `owner ${action.owner}` : undefined;
      if (!what) continue;
      const region = actionRegion(context, action);
      // Naming the pipeline's own region is harmless.
      const other = otherThanPipeline(context, region);
      if (!other) continue;
      context.report({
        messageId: 'region',
        severity: other === 'certain' ? 'error' : 'warning',
        data: { action: actionLabel(action), what, region: regionText(context, region) },
        target: { field: action.region, part: 'key' },
      });
    }
  },
};
