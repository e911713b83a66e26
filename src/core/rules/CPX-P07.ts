import type { Rule } from '../engine/types';
import { reportCrossAccount } from './cross-account';

export const rule: Rule = {
  meta: {
    id: 'CPX-P07',
    title: 'StackSet action run in another account',
    severity: 'info',
    description: 'StackSet actions deploy from the Organizations management account; the accounts they reach are chosen by DeploymentTargets, not by the action role.',
    messages: {
      stackSet: "StackSet action '{action}' runs in account {account}. StackSets actions must run in the AWS Organizations management account (not a delegated administrator); the target accounts come from DeploymentTargets and the administration and execution roles, not from the action role.",
    },
    fixable: false,
  },
  check(context) {
    reportCrossAccount(context, 'Deploy', 'CloudFormationStackSet', 'stackSet');
    reportCrossAccount(context, 'Deploy', 'CloudFormationStackInstances', 'stackSet');
  },
};
