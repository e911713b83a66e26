import type { Rule } from '../engine/types';
import { reportKeysNamedBy } from './keys';

export const rule: Rule = {
  meta: {
    id: 'CPX-K02',
    title: 'Key identified by alias in a cross-account pipeline',
    severity: 'error',
    description: 'An alias is only recognised in the account that owns the key, so an action in another account cannot find the artifact key by its alias.',
    messages: {
      alias: "The artifact key is named by an alias, but action '{action}' runs in account {account}, where aliases of the pipeline account are not recognised. Use the key ARN ({suggestion}).",
    },
    fixable: true,
  },
  check(context) {
    reportKeysNamedBy(context, 'alias', 'alias');
  },
};
