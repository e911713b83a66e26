import type { Rule } from '../engine/types';
import { otherAccountOf } from './cross-account';
import { textOf } from './cloudformation';
import { accountText, actionLabel, actions, configField } from './support';

const ALIAS = /(^alias\/)|(^arn:aws[\w-]*:kms:[^:]*:\d{12}:alias\/)/;

export const rule: Rule = {
  meta: {
    id: 'CPX-P04',
    title: 'S3 deploy action: object key or key alias',
    severity: 'info',
    description: 'An S3 deploy action that does not extract needs ObjectKey; a cross-account one names its KMS key by ARN or id, not by alias.',
    messages: {
      objectKey: "S3 deploy action '{action}' sets Extract to false, so it needs ObjectKey, the name of the object to write.",
      alias: "S3 deploy action '{action}' runs in account {account} and names its KMS key by alias; aliases only resolve in the key's own account, so use the key ARN.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (action.owner !== 'AWS' || action.category !== 'Deploy' || action.provider !== 'S3') continue;
      const extract = configField(action, 'Extract');
      const extracts = context.values(extract).map(textOf);
      if (extract && extracts.some((value) => value?.toLowerCase() === 'false') && !configField(action, 'ObjectKey')) {
        context.report({ messageId: 'objectKey', data: { action: actionLabel(action) }, target: { field: extract } });
      }
      const key = configField(action, 'KMSEncryptionKeyARN');
      const account = key && context.values(key).map(textOf).some((value) => value !== undefined && ALIAS.test(value)) ? otherAccountOf(context, action) : undefined;
      if (key && account) context.report({ messageId: 'alias', data: { action: actionLabel(action), account: accountText(model, account) }, target: { field: key } });
    }
  },
};
