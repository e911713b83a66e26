import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { capabilitiesFix, configTarget, lackingCapability, writtenCapabilities } from './cloudformation';
import { deployments } from './deployed';
import { actionLabel, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-S04',
    title: 'Named IAM resources without CAPABILITY_NAMED_IAM',
    severity: 'error',
    description: 'IAM resources with custom names (RoleName, UserName, ...) need CAPABILITY_NAMED_IAM; CAPABILITY_IAM is not enough.',
    messages: {
      named: "The template that action '{action}' deploys names IAM resources ({resources}), so Capabilities needs CAPABILITY_NAMED_IAM; CAPABILITY_IAM alone is not enough.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const { action, facts } of deployments(context)) {
      if (!isCloudFormationDeploy(action) || facts.namedIam.length === 0) continue;
      const modes = ['CREATE_UPDATE', 'REPLACE_ON_FAILURE', 'CHANGE_SET_REPLACE'] as const;
      // With neither IAM capability, CPX-S03 reports it (and its fix adds the named one).
      const lackingNamed = lackingCapability(context, action, modes, ['CAPABILITY_NAMED_IAM']);
      if (!lackingNamed || lackingCapability(context, action, modes, ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'])?.everywhere) continue;
      const written = writtenCapabilities(context, action);
      const fix = written
        ? capabilitiesFix(action, 'Use CAPABILITY_NAMED_IAM', written.map((name) => name === 'CAPABILITY_IAM' ? 'CAPABILITY_NAMED_IAM' : name))
        : undefined;
      context.report({
        messageId: 'named',
        severity: lackingNamed.everywhere ? 'error' : 'warning',
        data: { action: actionLabel(action), resources: facts.namedIam.map(({ resource, property }) => `${resource.logicalId}.${property}`).join(', ') },
        target: configTarget(model, action, configField(action, 'Capabilities')),
        fixes: fix ? [fix] : [],
      });
    }
  },
};
