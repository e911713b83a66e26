import type { Rule } from '../engine/types';
import { textOf } from './cloudformation';
import { actions } from './support';

/** botocore `ActionConfigurationKey` and `ActionConfigurationValue`. */
const MAX_KEY = 50;
const MAX_VALUE = 1000;

export const rule: Rule = {
  meta: {
    id: 'CPX-C11',
    title: 'Configuration key or value too long',
    severity: 'error',
    description: 'An action configuration key may have at most 50 characters and a value at most 1000.',
    messages: {
      key: "Configuration key '{key}' has {length} characters; CodePipeline allows at most 50.",
      value: 'The value of {key} has {length} characters; CodePipeline allows at most 1000.',
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const configuration = action.configuration;
      if (!configuration) continue;
      for (const entry of configuration.node.entries) {
        const field = { node: entry.value, path: [...configuration.path, entry.key] };
        if (entry.key.length > MAX_KEY) {
          context.report({ messageId: 'key', data: { key: entry.key, length: String(entry.key.length) }, target: { field, part: 'key' } });
        }
        // A plain scalar is its own length; only intrinsics need evaluating.
        const length = entry.value.kind === 'scalar' ? String(entry.value.value ?? '').length
          : Math.max(0, ...context.values(field).map((alternative) => textOf(alternative)?.length ?? 0));
        if (length > MAX_VALUE) context.report({ messageId: 'value', data: { key: entry.key, length: String(length) }, target: { field } });
      }
    }
  },
};
