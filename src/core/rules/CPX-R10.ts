import type { Rule } from '../engine/types';
import { PIPELINE } from '../model/roles';
import { accountText } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-R10',
    title: 'Pipeline role not in the pipeline account',
    severity: 'error',
    description: 'The pipeline service role must be in the same account as the pipeline.',
    messages: {
      otherAccount: 'The pipeline role is in account {roleAccount}, but the pipeline is in account {pipelineAccount}. A pipeline can only use a service role of its own account; roles in other accounts belong on the actions.',
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of model.pipelines) {
      const role = pipeline.roleArn;
      if (!role) continue;
      const different = context.arns(role).find(({ value }) => value && context.compareAccounts(value.account, PIPELINE) === 'different');
      if (!different?.value) continue;
      context.report({
        messageId: 'otherAccount',
        data: { roleAccount: accountText(model, different.value.account), pipelineAccount: accountText(model, PIPELINE) },
        target: { field: role },
      });
    }
  },
};
