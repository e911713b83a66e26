import type { Rule } from '../engine/types';
import { crossAccountUsers, keyArn, KMS_ACTIONS, missingGrants, storeKey } from '../model/access';
import { roleDeclaredByName, rolePolicies } from '../model/policy';
import type { FixValue } from '../fixes/intents';
import { appendStatements } from './grants';
import { accountText } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-K08',
    title: "Target role's own policy lacks KMS on the key ARN",
    severity: 'error',
    description: "Using a key across accounts needs permission on both sides: the key policy, and the role's own IAM policy, naming the key by its ARN in the pipeline account.",
    messages: {
      missing: "Role '{role}' (account {account}) is declared in this template, and its policies do not allow {actions} on the artifact key's ARN in the pipeline account. Across accounts, the role's own policy must name the key ARN (a key ID or a key of its own account does not work).",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    const reported = new Set<string>();
    for (const pipeline of model.pipelines) {
      for (const user of crossAccountUsers(model, pipeline)) {
        const key = user.store && storeKey(model, user.store);
        // Only a target role declared next to the pipeline has its policy in view.
        const role = key && roleDeclaredByName(user.parts, model);
        if (!key || !role) continue;
        const policies = rolePolicies(role, model);
        const missing = missingGrants(policies.documents, KMS_ACTIONS[user.level], { resource: keyArn(model, key), holds: user.holds }, model);
        if (!policies.complete || missing.length === 0 || reported.has(`${role.logicalId}:${user.level}`)) continue;
        reported.add(`${role.logicalId}:${user.level}`);
        const document = policies.documents.find((candidate) => candidate.attached === 'yes');
        const resource: FixValue = key.resource ? { kind: 'getAtt', logicalId: key.resource.logicalId, attribute: 'Arn' } : { kind: 'copy', node: key.field.node };
        const statement: FixValue = {
          kind: 'mapping',
          entries: [
            ['Effect', { kind: 'text', text: 'Allow' }],
            ['Action', { kind: 'list', items: KMS_ACTIONS[user.level].map((action): FixValue => ({ kind: 'text', text: action })) }],
            ['Resource', resource],
          ],
        };
        const intents = document ? appendStatements(document, [statement], key.field.node) : [];
        context.report({
          messageId: 'missing',
          data: { role: role.logicalId, account: accountText(model, user.arn.account), actions: missing.join(', ') },
          target: { field: user.field },
          related: [{ target: { field: role, part: 'key' }, message: 'The role, declared in this template.' }],
          fixes: intents.length > 0 ? [{ title: "Allow the key in the role's policy", preferred: true, intents }] : [],
        });
      }
    }
  },
};
