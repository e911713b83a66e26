import type { Rule } from '../engine/types';
import { actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-R04',
    title: 'Cross-account Jenkins action',
    severity: 'error',
    description: 'CodePipeline does not support cross-account Jenkins build or test actions.',
    messages: {
      jenkins: 'Cross-account actions are not supported for Jenkins build and test actions: a Jenkins action runs in the pipeline account and cannot take an action role.',
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (action.owner !== 'Custom' || action.provider !== 'Jenkins' || !action.roleArn) continue;
      context.report({ messageId: 'jenkins', target: { field: action.roleArn } });
    }
  },
};
