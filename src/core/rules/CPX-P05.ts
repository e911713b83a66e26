import type { Rule } from '../engine/types';
import { reportCrossAccount } from './cross-account';

export const rule: Rule = {
  meta: {
    id: 'CPX-P05',
    title: 'Cross-account Lambda invoke',
    severity: 'info',
    description: 'A Lambda invoke action runs the function of the account it runs in, which must report the job result back to the pipeline.',
    messages: {
      lambda: "Lambda action '{action}' runs in account {account}: the function is looked up there, and it must call codepipeline:PutJobSuccessResult or PutJobFailureResult (allowed in its role) or the action times out.",
    },
    fixable: false,
  },
  check(context) {
    reportCrossAccount(context, 'Invoke', 'Lambda', 'lambda');
  },
};
