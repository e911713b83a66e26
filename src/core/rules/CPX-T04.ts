import type { Rule } from '../engine/types';
import { typeIdField } from './structure';
import { actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-T04',
    title: 'Action type version is not 1',
    severity: 'warning',
    description: "Every action type owned by AWS is at version '1'.",
    messages: {
      version: "Version '{version}' of provider {provider}: action types owned by AWS are at version '1'.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (action.owner !== 'AWS' || action.version === undefined || action.version === '1') continue;
      const field = typeIdField(model, action, 'Version');
      if (field) context.report({ messageId: 'version', data: { version: action.version, provider: action.provider ?? '' }, target: { field } });
    }
  },
};
