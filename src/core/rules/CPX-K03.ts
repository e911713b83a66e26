import type { Rule } from '../engine/types';
import { reportKeysNamedBy } from './keys';

export const rule: Rule = {
  meta: {
    id: 'CPX-K03',
    title: 'Key identified by bare key ID in a cross-account pipeline',
    severity: 'error',
    description: 'A bare key ID is looked up in the account of the action role, not in the pipeline account, so an action in another account does not find the artifact key.',
    messages: {
      keyId: "The artifact key is named by its key ID, which action '{action}' looks up in its own account {account}, not in the pipeline's account: the key is not found there (KMS.NotFoundException). Use the key ARN ({suggestion}).",
    },
    fixable: true,
  },
  check(context) {
    reportKeysNamedBy(context, 'key-id', 'keyId');
  },
};
