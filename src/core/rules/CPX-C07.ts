import type { Rule } from '../engine/types';
import { isScalar, isSeq } from '../source';
import { isCloudFormationDeploy } from '../model/roles';
import { capabilitiesFix, ignoredInEveryMode, writtenCapabilities } from './cloudformation';
import { actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C07',
    title: 'Capabilities not one comma-separated string',
    severity: 'warning',
    description: 'Capabilities is a single string with the capabilities separated by commas and no spaces.',
    messages: {
      list: 'Capabilities is a list; CodePipeline reads one string with the capabilities separated by commas and no spaces (CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND).',
      spaces: "Capabilities '{value}' has spaces; separate capabilities with a comma and no space (CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND).",
    },
    fixable: true,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const field = configField(action, 'Capabilities');
      if (!field || !isCloudFormationDeploy(action)) continue;
      const value = isScalar(field.node) && typeof field.node.value === 'string' ? field.node.value : undefined;
      // A list is never a configuration value; spaces only matter where the capabilities are read.
      const spaced = value !== undefined && /\s/.test(value) && !ignoredInEveryMode(context, action, 'Capabilities');
      if (!isSeq(field.node) && !spaced) continue;
      const names = writtenCapabilities(context, action);
      const fix = names ? capabilitiesFix(action, 'Write Capabilities as one comma-separated string', names) : undefined;
      context.report({
        messageId: spaced ? 'spaces' : 'list',
        data: { value: value ?? '' },
        target: { field },
        fixes: fix ? [fix] : [],
      });
    }
  },
};
