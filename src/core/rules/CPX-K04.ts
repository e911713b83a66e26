import type { Rule } from '../engine/types';
import { singleText } from '../model/evaluate';
import { keyFor } from '../model/types';
import { storesOf } from '../model/access';

export const rule: Rule = {
  meta: {
    id: 'CPX-K04',
    title: 'EncryptionKey Type is not KMS',
    severity: 'error',
    description: "The only encryption key type CodePipeline accepts is 'KMS'.",
    messages: {
      notKms: "EncryptionKey Type is '{type}'; CodePipeline only accepts 'KMS'.",
      missing: "EncryptionKey has no Type; CodePipeline requires Type 'KMS'.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of model.pipelines) {
      for (const store of storesOf(pipeline)) {
        const encryptionKey = store.encryptionKey;
        if (!encryptionKey) continue;
        const type = encryptionKey.type;
        if (!type) {
          context.report({
            messageId: 'missing', target: { field: encryptionKey, part: 'key' },
            fixes: [{ title: "Set Type to 'KMS'", preferred: true, intents: [{ kind: 'set-entry', map: encryptionKey, key: keyFor(model.dialect, 'Type'), value: { kind: 'text', text: 'KMS' } }] }],
          });
          continue;
        }
        const text = singleText(type.node, model.scope);
        if (text === undefined || text === 'KMS') continue;
        context.report({
          messageId: 'notKms', data: { type: text }, target: { field: type },
          fixes: [{ title: "Set Type to 'KMS'", preferred: true, intents: [{ kind: 'replace', target: type, value: { kind: 'text', text: 'KMS' }, styleFrom: type.node }] }],
        });
      }
    }
  },
};
