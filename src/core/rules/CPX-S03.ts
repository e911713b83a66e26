import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { addCapabilityFix, configTarget, lackingCapability } from './cloudformation';
import { templateFacts } from './deployed';
import { actionLabel, actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S03',
    title: 'IAM resources without CAPABILITY_IAM',
    severity: 'error',
    description: 'A template that creates IAM resources (directly or through SAM) is only deployed with CAPABILITY_IAM or CAPABILITY_NAMED_IAM.',
    messages: {
      iam: "The template that action '{action}' deploys creates IAM resources ({resources}), but Capabilities has neither CAPABILITY_IAM nor CAPABILITY_NAMED_IAM; CloudFormation fails with 'Requires capabilities : [CAPABILITY_IAM]'.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const template = isCloudFormationDeploy(action) ? context.deployedTemplate(action) : undefined;
      const facts = template && templateFacts(template);
      if (!facts || facts.iam.length === 0) continue;
      const lacking = lackingCapability(context, action, ['CREATE_UPDATE', 'REPLACE_ON_FAILURE', 'CHANGE_SET_REPLACE'], ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM']);
      if (!lacking) continue;
      // Named IAM resources need the named capability, which covers the others too.
      const fix = addCapabilityFix(context, action, facts.namedIam.length > 0 ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM');
      context.report({
        messageId: 'iam',
        severity: lacking.everywhere ? 'error' : 'warning',
        data: { action: actionLabel(action), resources: facts.iam.map((resource) => resource.logicalId).join(', ') },
        target: configTarget(model, action, configField(action, 'Capabilities')),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
