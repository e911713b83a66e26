import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { CAPABILITIES, capabilityBranches, ignoredInEveryMode } from './cloudformation';
import { actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C06',
    title: 'Unknown capability',
    severity: 'error',
    description: 'Capabilities may only name CAPABILITY_IAM, CAPABILITY_NAMED_IAM and CAPABILITY_AUTO_EXPAND.',
    messages: {
      unknown: "'{name}' is not a CloudFormation capability. Valid values: " + CAPABILITIES.join(', ') + '.',
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const field = configField(action, 'Capabilities');
      if (!field || !isCloudFormationDeploy(action) || ignoredInEveryMode(context, action, 'Capabilities')) continue;
      const unknown = new Set<string>();
      for (const { names } of capabilityBranches(context, action)) {
        for (const name of names ?? []) if (!(CAPABILITIES as readonly string[]).includes(name)) unknown.add(name);
      }
      for (const name of unknown) context.report({ messageId: 'unknown', data: { name }, target: { field } });
    }
  },
};
