import type { Rule } from '../engine/types';
import { providerSpec } from '../model/providers';
import { actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C12',
    title: 'Unknown configuration key',
    severity: 'warning',
    description: "A configuration key the action's provider does not read is ignored, which usually hides a misspelt or misplaced key.",
    messages: {
      unknown: "'{key}' is not a configuration key of provider {provider}; it is ignored. Known keys: {known}.",
      misspelt: "'{key}' is not a configuration key of provider {provider}; configuration keys are PascalCase in templates and in get-pipeline JSON alike: {expected}.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const known = providerSpec(action.owner, action.category, action.provider)?.keys;
      const configuration = action.configuration;
      if (!known || !configuration) continue;
      for (const entry of configuration.node.entries) {
        if (known.has(entry.key)) continue;
        const expected = [...known].find((key) => key.toLowerCase() === entry.key.toLowerCase());
        context.report({
          messageId: expected ? 'misspelt' : 'unknown',
          data: { key: entry.key, provider: action.provider ?? '', expected: expected ?? '', known: [...known].join(', ') },
          target: { field: { node: entry.value, path: [...configuration.path, entry.key] }, part: 'key' },
        });
      }
    }
  },
};
