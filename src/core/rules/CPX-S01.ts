import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { addCapabilityFix, configTarget, lackingCapability } from './cloudformation';
import { templateFacts } from './deployed';
import { actionLabel, actions, configField } from './support';

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
    const { model } = context;
    for (const [action] of actions(model)) {
      const template = isCloudFormationDeploy(action) ? context.deployedTemplate(action) : undefined;
      const facts = template && templateFacts(template);
      if (!facts?.usesMacro) continue;
      const lacking = lackingCapability(context, action, ['CREATE_UPDATE', 'REPLACE_ON_FAILURE'], ['CAPABILITY_AUTO_EXPAND']);
      if (!lacking) continue;
      const fix = addCapabilityFix(context, action, 'CAPABILITY_AUTO_EXPAND');
      context.report({
        messageId: 'autoExpand',
        severity: lacking.everywhere ? 'error' : 'warning',
        data: { action: actionLabel(action), mode: lacking.mode, transforms: facts.transforms.length > 0 ? ` (${facts.transforms.join(', ')})` : '' },
        target: configTarget(model, action, configField(action, 'Capabilities')),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
