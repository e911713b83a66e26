import type { Rule } from '../engine/types';
import { keyedStores } from '../model/access';
import { PIPELINE } from '../model/roles';
import { accountText } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-K06',
    title: 'Key not in the pipeline account',
    severity: 'warning',
    description: "The artifact key belongs in the pipeline's own account, next to its artifact bucket.",
    messages: {
      account: "The artifact key is in account {keyAccount}, not in the pipeline's account{pipelineAccount}. Create the key in the pipeline account and share it with the other accounts through its key policy.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [, key] of keyedStores(model)) {
      if (context.compareAccounts(key.account, PIPELINE) !== 'different') continue;
      context.report({
        messageId: 'account',
        data: { keyAccount: accountText(model, key.account), pipelineAccount: model.pipelineAccountId ? ` (${model.pipelineAccountId})` : '' },
        target: { field: key.field },
      });
    }
  },
};
