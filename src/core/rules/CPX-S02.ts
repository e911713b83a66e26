import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { addCapabilityFix, configTarget, lackingCapability } from './cloudformation';
import { templateFacts } from './deployed';
import { actionLabel, actions, configField } from './support';

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
    const { model } = context;
    for (const [action] of actions(model)) {
      const template = isCloudFormationDeploy(action) ? context.deployedTemplate(action) : undefined;
      const facts = template && templateFacts(template);
      if (!facts || facts.transforms.length === 0 || facts.nested.length === 0) continue;
      if (!lackingCapability(context, action, ['CHANGE_SET_REPLACE'], ['CAPABILITY_AUTO_EXPAND'])) continue;
      const fix = addCapabilityFix(context, action, 'CAPABILITY_AUTO_EXPAND');
      context.report({
        messageId: 'nested',
        data: { action: actionLabel(action), nested: facts.nested.map((resource) => resource.logicalId).join(', ') },
        target: configTarget(model, action, configField(action, 'Capabilities')),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
