import type { Rule } from '../engine/types';
import type { Node } from '../source';
import type { DocumentModel } from '../model/types';
import { bucketArns, missingGrants, S3_OBJECT_ACTIONS, storeBucket, type ArtifactUser } from '../model/access';
import type { FixDescriptor, FixValue } from '../fixes/intents';
import {
  accountGroups, appendStatements, bucketArnValues, bucketStatements, freshLogicalId, freshSid, otherUses, resourcesMap, usersLabel,
} from './grants';

export const rule: Rule = {
  meta: {
    id: 'CPX-B01',
    title: 'Bucket policy does not grant the target account',
    severity: 'error',
    description: 'Roles in another account can only read (and write) pipeline artifacts when the artifact bucket policy allows them.',
    messages: {
      missing: "The policy of artifact bucket {bucket} does not allow {principals} (account {account}) to {actions}. Actions in account {account} fail with 'Insufficient permissions ... Amazon S3:AccessDenied'.",
      noPolicy: "Artifact bucket {bucket} has no bucket policy, so {principals} (account {account}) cannot {actions}. Actions in account {account} fail with 'Insufficient permissions ... Amazon S3:AccessDenied'.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const group of accountGroups(model)) {
      const bucket = storeBucket(model, group.store);
      // A bucket policy that is not in this template is CPX-U01's to mention.
      if (!bucket || (bucket.policies.length === 0 && !bucket.resource)) continue;
      const { objects } = bucketArns(bucket);
      const missingFor = (user: ArtifactUser): string[] =>
        missingGrants(bucket.policies, S3_OBJECT_ACTIONS[user.level], { principal: user.principal, resource: objects, holds: user.holds }, model);
      const lacking = group.users.filter((user) => missingFor(user).length > 0);
      if (lacking.length === 0) continue;
      const [first] = lacking;
      // Fixes add to the policy that certainly belongs to the bucket.
      const policy = bucket.policies.find((document) => document.attached === 'yes');
      const arns = bucketArnValues(model, bucket);
      const sid = (level: 'read' | 'write'): string | undefined => freshSid(policy, level, first.arn.account);
      const statements = arns ? bucketStatements(model, lacking, lacking.filter((user) => user.level === 'write'), arns, sid) : [];
      let fix: FixDescriptor | undefined;
      if (statements.length > 0 && policy) {
        fix = { title: 'Allow the role in the bucket policy', preferred: true, intents: appendStatements(policy, statements, first.field.node) };
      } else if (statements.length > 0 && bucket.policies.length === 0) {
        fix = newBucketPolicy(model, bucket.field.node, statements, first.field.node);
      }
      const bucketText = model.source.text.slice(bucket.field.node.start, bucket.field.node.end);
      const actions = [...new Set(lacking.flatMap(missingFor))].map((action) => (action === 's3:GetObject' ? 'read artifacts (s3:GetObject)' : 'write artifacts (s3:PutObject)'));
      context.report({
        messageId: bucket.policies.length > 0 ? 'missing' : 'noPolicy',
        data: { bucket: bucketText, principals: usersLabel(model, lacking), account: group.account, actions: actions.join(' or ') },
        target: { field: first.field },
        related: [
          policy
            ? { target: { field: policy.field, part: 'key' }, message: 'The bucket policy that must allow it.' }
            : { target: { field: bucket.field }, message: 'The artifact bucket.' },
          ...otherUses(lacking, 'Also needs the artifact bucket.'),
        ],
        fixes: fix && fix.intents.length > 0 ? [fix] : [],
      });
    }
  },
};

/** A whole `AWS::S3::BucketPolicy` for a bucket that has none: offered, not preferred. */
function newBucketPolicy(model: DocumentModel, location: Node, statements: readonly FixValue[], styleFrom: Node): FixDescriptor | undefined {
  const resources = resourcesMap(model);
  if (!resources) return undefined;
  const value: FixValue = {
    kind: 'mapping',
    entries: [
      ['Type', { kind: 'text', text: 'AWS::S3::BucketPolicy' }],
      ['Properties', {
        kind: 'mapping',
        entries: [
          ['Bucket', { kind: 'copy', node: location }],
          ['PolicyDocument', { kind: 'mapping', entries: [['Version', { kind: 'text', text: '2012-10-17' }], ['Statement', { kind: 'list', items: statements }]] }],
        ],
      }],
    ],
  };
  return {
    title: 'Add a bucket policy for the artifact bucket',
    preferred: false,
    intents: [{ kind: 'set-entry', map: resources, key: freshLogicalId(model, 'ArtifactBucketPolicy'), value, styleFrom }],
  };
}
