import type { Rule } from '../engine/types';
import { scalarText } from '../source';
import { structureField } from './structure';
import { actionLabel, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-T09',
    title: 'RunOrder or TimeoutInMinutes out of range',
    severity: 'error',
    description: 'RunOrder is a whole number from 1 to 999; TimeoutInMinutes is only for manual approval actions, from 5 to 86400.',
    messages: {
      runOrder: 'RunOrder {value} is out of range; it is a whole number from 1 to 999.',
      timeoutRange: 'TimeoutInMinutes {value} is out of range; it is a whole number from 5 to 86400.',
      timeoutNotApproval: "Action '{action}' is not a manual approval; TimeoutInMinutes is only available for manual approval actions.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const runOrder = structureField(model, action, 'RunOrder');
      const runValue = scalarText(runOrder?.node);
      if (runOrder && runValue !== undefined && !inRange(runValue, 1, 999)) {
        context.report({ messageId: 'runOrder', data: { value: runValue }, target: { field: runOrder } });
      }
      const timeout = structureField(model, action, 'TimeoutInMinutes');
      if (!timeout) continue;
      // Compute actions are left out: their timeout rules are newer than the reference.
      if (action.category !== undefined && action.category !== 'Approval' && action.category !== 'Compute') {
        context.report({ messageId: 'timeoutNotApproval', data: { action: actionLabel(action) }, target: { field: timeout, part: 'key' } });
        continue;
      }
      const timeoutValue = scalarText(timeout.node);
      if (timeoutValue !== undefined && !inRange(timeoutValue, 5, 86400)) {
        context.report({ messageId: 'timeoutRange', data: { value: timeoutValue }, target: { field: timeout } });
      }
    }
  },
};

function inRange(text: string, min: number, max: number): boolean {
  const value = Number(text);
  return Number.isInteger(value) && value >= min && value <= max;
}
