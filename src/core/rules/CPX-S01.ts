import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { reportLackingCapability } from './cloudformation';
import { deployments } from './deployed';
import { actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S01',
    title: 'Transform or macro deployed directly without CAPABILITY_AUTO_EXPAND',
    severity: 'error',
    description: 'Creating or updating a stack directly (CREATE_UPDATE, REPLACE_ON_FAILURE) from a template with a transform or macro needs CAPABILITY_AUTO_EXPAND.',
    messages: {
      autoExpand: "The template that action '{action}' deploys uses a transform or macro{transforms}, and ActionMode {mode} creates or updates the stack directly, so Capabilities needs CAPABILITY_AUTO_EXPAND (else 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]').",
    },
    fixable: true,
  },
  check(context) {
    for (const { action, facts } of deployments(context)) {
      if (!isCloudFormationDeploy(action) || !facts.usesMacro) continue;
      reportLackingCapability(
        context, action, { modes: ['CREATE_UPDATE', 'REPLACE_ON_FAILURE'], anyOf: ['CAPABILITY_AUTO_EXPAND'], add: 'CAPABILITY_AUTO_EXPAND' },
        'autoExpand', { action: actionLabel(action), transforms: facts.transforms.length > 0 ? ` (${facts.transforms.join(', ')})` : '' },
      );
    }
  },
};
