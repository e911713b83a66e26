import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { reportLackingCapability } from './cloudformation';
import { deployments } from './deployed';
import { actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S02',
    title: 'Nested applications in a change set without CAPABILITY_AUTO_EXPAND',
    severity: 'warning',
    description: 'A template with a transform and nested applications or stacks has failed in CHANGE_SET_REPLACE without CAPABILITY_AUTO_EXPAND; adding it is harmless.',
    messages: {
      nested: "The template that action '{action}' deploys has a transform and nested applications or stacks ({nested}); add CAPABILITY_AUTO_EXPAND to Capabilities. It is harmless for change sets, and nested applications have failed without it.",
    },
    fixable: true,
  },
  check(context) {
    for (const { action, facts } of deployments(context)) {
      if (!isCloudFormationDeploy(action) || facts.transforms.length === 0 || facts.nested.length === 0) continue;
      reportLackingCapability(
        context, action, { modes: ['CHANGE_SET_REPLACE'], anyOf: ['CAPABILITY_AUTO_EXPAND'], add: 'CAPABILITY_AUTO_EXPAND' },
        'nested', { action: actionLabel(action), nested: facts.nested.map((resource) => resource.logicalId).join(', ') },
      );
    }
  },
};
