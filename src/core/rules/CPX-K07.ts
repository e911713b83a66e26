import type { Rule } from '../engine/types';
import { KMS_ACTIONS, missingGrants, storeKey, type ArtifactUser } from '../model/access';
import { keyPolicy } from '../model/policy';
import { accountGroups, appendStatements, freshSid, keyStatements, otherUses, usersLabel } from './grants';

export const rule: Rule = {
  meta: {
    id: 'CPX-K07',
    title: 'Key policy does not let the target account use the key',
    severity: 'error',
    description: 'Roles in another account can only decrypt (and encrypt) pipeline artifacts when the key policy of the artifact key allows them.',
    messages: {
      missing: "The key policy of '{key}' does not allow {principals} (account {account}) to use the artifact key ({actions}). Actions in account {account} cannot decrypt the pipeline's artifacts, or encrypt the ones they write.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const group of accountGroups(model)) {
      const key = storeKey(model, group.store);
      const policy = key?.resource && keyPolicy(key.resource, model);
      if (!key?.resource || !policy) continue;
      const missingFor = (user: ArtifactUser): string[] =>
        missingGrants([policy], KMS_ACTIONS[user.level], { principal: user.principal, holds: user.holds }, model);
      const lacking = group.users.filter((user) => missingFor(user).length > 0);
      if (lacking.length === 0) continue;
      const missing = new Set(lacking.flatMap(missingFor));
      const [first] = lacking;
      const statements = keyStatements(model, lacking, (level) => freshSid(policy, level, first.arn.account));
      context.report({
        messageId: 'missing',
        data: { key: key.resource.logicalId, principals: usersLabel(model, lacking), account: group.account, actions: [...missing].join(', ') },
        target: { field: first.field },
        related: [
          { target: { field: policy.field, part: 'key' }, message: 'The key policy that must allow it.' },
          ...otherUses(lacking, 'Also needs the artifact key.'),
        ],
        fixes: [{ title: 'Allow the role in the key policy', preferred: true, intents: appendStatements(policy, statements, first.field.node) }],
      });
    }
  },
};
