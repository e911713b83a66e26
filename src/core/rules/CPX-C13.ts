import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { textOf } from './cloudformation';
import { actions, configField } from './support';

const PRODUCTION = /prod/i;

export const rule: Rule = {
  meta: {
    id: 'CPX-C13',
    title: 'REPLACE_ON_FAILURE in production',
    severity: 'info',
    description: 'REPLACE_ON_FAILURE deletes and recreates a stack that is in a failed state; AWS recommends it for testing only.',
    messages: {
      replace: "ActionMode REPLACE_ON_FAILURE in '{where}' deletes and recreates the stack when it is in a failed state, with its data. AWS recommends it for testing only; use CREATE_UPDATE or change sets in production.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const field = configField(action, 'ActionMode');
      if (!field || !isCloudFormationDeploy(action)) continue;
      const where = [action.stageName, action.name].find((name) => name !== undefined && PRODUCTION.test(name));
      if (where === undefined || !context.values(field).some((alternative) => textOf(alternative) === 'REPLACE_ON_FAILURE')) continue;
      context.report({ messageId: 'replace', data: { where }, target: { field } });
    }
  },
};
