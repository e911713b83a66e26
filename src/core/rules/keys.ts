import type { ReportDescriptor, RuleContext } from '../engine/types';
import { crossAccountUsers, storeKey, type ArtifactUser, type KeyForm, type StoreKey } from '../model/access';
import type { DocumentModel } from '../model/types';
import { accountText, actionLabel } from './support';

/** K02 and K03: stores read or written from another account whose key is named in a form only the pipeline account understands. */
export function reportKeysNamedBy(context: RuleContext, form: KeyForm & ('alias' | 'key-id'), messageId: 'alias' | 'keyId'): void {
  const { model } = context;
  for (const pipeline of model.pipelines) {
    const users = crossAccountUsers(model, pipeline);
    for (const store of new Set(users.flatMap((user) => user.store ?? []))) {
      const key = storeKey(model, store);
      if (key?.form === form) context.report(keyIdentifierFinding(model, key, users.filter((user) => user.store === store), messageId));
    }
  }
}

/** The finding, with the key ARN as the fix when the key is in the template. */
function keyIdentifierFinding(model: DocumentModel, key: StoreKey, users: readonly ArtifactUser[], messageId: 'alias' | 'keyId'): ReportDescriptor {
  const [first] = users;
  const logicalId = key.resource?.logicalId;
  return {
    messageId,
    data: {
      action: actionLabel(first.action), account: accountText(model, first.arn.account),
      suggestion: logicalId ? `!GetAtt ${logicalId}.Arn` : 'arn:aws:kms:<region>:<pipeline account>:key/<key id>',
    },
    target: { field: key.field },
    related: users.map((user) => ({ target: { field: user.field }, message: 'Runs in another account.' })),
    fixes: logicalId ? [{
      title: 'Use the key ARN',
      preferred: true,
      intents: [{ kind: 'replace', target: key.field, value: { kind: 'getAtt', logicalId, attribute: 'Arn' }, styleFrom: key.field.node }],
    }] : [],
  };
}
