import type { Rule } from '../engine/types';
import { allows } from '../model/policy';
import { bucketArns, storeBucket } from '../model/access';
import type { FixValue } from '../fixes/intents';
import { accountGroups, appendStatements, bucketArnValues, principalValues, roleLabel } from './grants';

export const rule: Rule = {
  meta: {
    id: 'CPX-B04',
    title: 'Cross-account writer lacks s3:PutObjectAcl',
    severity: 'warning',
    description: 'The AWS walkthrough for cross-account pipelines gives roles that write artifacts s3:PutObjectAcl as well as s3:PutObject.',
    messages: {
      acl: "The bucket policy lets {role} (account {account}) write artifacts (s3:PutObject) but not s3:PutObjectAcl, which the AWS cross-account walkthrough grants to roles that write output artifacts.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const group of accountGroups(model)) {
      const bucket = storeBucket(model, group.store);
      if (!bucket) continue;
      const { objects } = bucketArns(bucket);
      for (const user of group.users.filter((candidate) => candidate.level === 'write')) {
        const query = { principal: user.principal, resource: objects, holds: user.holds };
        if (allows(bucket.policies, { ...query, action: 's3:PutObject' }, model) !== 'yes') continue;
        if (allows(bucket.policies, { ...query, action: 's3:PutObjectAcl' }, model) !== 'no') continue;
        const policy = bucket.policies.find((document) => document.attached === 'yes');
        const arns = bucketArnValues(model, bucket);
        const principals = principalValues(model, [user]);
        const statement: FixValue | undefined = arns && principals.length === 1 ? {
          kind: 'mapping',
          entries: [
            ['Effect', { kind: 'text', text: 'Allow' }],
            ['Principal', { kind: 'mapping', entries: [['AWS', principals[0]]] }],
            ['Action', { kind: 'text', text: 's3:PutObjectAcl' }],
            ['Resource', arns.objects],
          ],
        } : undefined;
        const intents = policy && statement ? appendStatements(policy, [statement], user.field.node) : [];
        context.report({
          messageId: 'acl',
          data: { role: roleLabel(model, user), account: group.account },
          target: { field: user.field },
          related: policy ? [{ target: { field: policy.field, part: 'key' }, message: 'The bucket policy.' }] : [],
          fixes: intents.length > 0 ? [{ title: 'Allow s3:PutObjectAcl', preferred: true, intents }] : [],
        });
      }
    }
  },
};
