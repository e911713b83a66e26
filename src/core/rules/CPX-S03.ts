import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { reportLackingCapability } from './cloudformation';
import { deployments } from './deployed';
import { actionLabel } from './support';

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
    for (const { action, facts } of deployments(context)) {
      if (!isCloudFormationDeploy(action) || facts.iam.length === 0) continue;
      reportLackingCapability(context, action, {
        modes: ['CREATE_UPDATE', 'REPLACE_ON_FAILURE', 'CHANGE_SET_REPLACE'],
        anyOf: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
        // Named IAM resources need the named capability, which covers the others too.
        add: facts.namedIam.length > 0 ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM',
      }, 'iam', { action: actionLabel(action), resources: facts.iam.map((resource) => resource.logicalId).join(', ') });
    }
  },
};
