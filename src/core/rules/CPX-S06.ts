import { get, isSeq, scalarText, type Node } from '../source';
import type { RelatedDescriptor, Rule, RuleContext } from '../engine/types';
import { storeBucket, storesOf } from '../model/access';
import { canonicalNode, segmentsText, type Segment, type Tri } from '../model/canonical';
import { allows, principalOf, rolePolicies } from '../model/policy';
import { PIPELINE } from '../model/roles';
import type { Resolved } from '../model/resolved';
import type { Field, PipelineModel } from '../model/types';
import type { FixDescriptor, FixValue } from '../fixes/intents';
import { deployments, type S3Object } from './deployed';
import { otherAccountOf } from './cross-account';
import { appendStatements } from './grants';
import { inRoleFile, linkedRoles, type LinkedRole } from './linked-roles';
import { accountText, actionLabel, configField } from './support';

/** The modes whose CloudFormation role creates the stack's resources (CHANGE_SET_EXECUTE uses the change set's). */
const MODES_CREATING = new Set(['CREATE_UPDATE', 'REPLACE_ON_FAILURE', 'CHANGE_SET_REPLACE']);
const READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'];
/** AWS managed policies that allow `s3:GetObject` on every bucket. */
const MANAGED_READERS = /:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|AmazonS3FullAccess|AmazonS3ReadOnlyAccess)$/;
const NO_CONDITIONS = new Map<string, boolean>();

export const rule: Rule = {
  meta: {
    id: 'CPX-S06',
    title: 'CloudFormation role cannot read packaged code in the pipeline account',
    severity: 'error',
    description: "Lambda and CloudFormation fetch a deployed template's packaged code and nested templates with the CloudFormation role's credentials, not through the signed URL the template itself comes with; in another account that role needs read access to the pipeline account's bucket.",
    messages: {
      missing: "The CloudFormation role '{role}' of '{action}' (account {account}) must read the packaged code in the pipeline account's bucket '{bucket}' ({locations}); none of its policies allows s3:GetObject on it. Allow s3:GetObject and s3:GetObjectVersion on arn:aws:s3:::{bucket}/* in its policy and in the bucket policy, and kms:Decrypt on the bucket's key.",
      unverified: "Action '{action}' deploys to account {account} a template whose packaged code is in the pipeline account's bucket '{bucket}' ({locations}); CloudFormation fetches it with the CloudFormation role, whose policies are not in view. Make sure that role may s3:GetObject on arn:aws:s3:::{bucket}/* (its policy and the bucket policy) and kms:Decrypt on the bucket's key.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const { action, pipeline, templatePath, template, facts } of deployments(context)) {
      const cloudFormationRole = configField(action, 'RoleArn');
      const mode = scalarText(configField(action, 'ActionMode')?.node);
      const account = otherAccountOf(context, action);
      if (!cloudFormationRole || !mode || !MODES_CREATING.has(mode) || !account) continue;
      for (const [bucket, objects] of byBucket(facts.s3Objects)) {
        if (!inPipelineAccount(context, pipeline, bucket, account)) continue;
        const locations = objects.map(({ resource, property }) => `${resource.logicalId}.${property}`).join(', ');
        const data = { action: actionLabel(action), account: accountText(model, account), bucket, locations };
        // The packaged code where it is written: in this file, or in the deployed template's file of the workspace.
        const templateFile = context.fileOf(template);
        const related: RelatedDescriptor[] = template === model || templateFile !== undefined
          ? objects.map(({ field }) => ({ target: { field, fileName: templateFile }, message: "Packaged code in the pipeline account's bucket." }))
          : [{ target: { field: templatePath }, message: `The deployed template, whose packaged code is in bucket '${bucket}'.` }];
        const roles = linkedRoles(context, cloudFormationRole).filter((linked) => context.compareAccounts(linked.account, PIPELINE) !== 'same')
          .map((linked) => ({ linked, reads: roleReads(linked, bucket, objects) }));
        const lacking = roles.find(({ reads }) => reads === 'no')?.linked;
        if (lacking) {
          const { role } = lacking.definition;
          context.report({
            messageId: 'missing',
            data: { ...data, role: role.logicalId },
            target: { field: cloudFormationRole },
            related: [...related, { target: inRoleFile(lacking, role.node, role.path), message: 'The CloudFormation role, whose policies must allow s3:GetObject on the packaged code.' }],
            fixes: readFix(context, lacking, bucket, cloudFormationRole.node),
          });
          continue;
        }
        if (roles.some(({ reads }) => reads !== 'unseen') || inPipelineAccountOnly(context, cloudFormationRole)) continue;
        if (bucketPolicyGrants(context, pipeline, bucket, objects, cloudFormationRole)) continue;
        context.report({ messageId: 'unverified', data, severity: 'warning', target: { field: cloudFormationRole }, related });
      }
    }
  },
};

/** A CloudFormation role of the pipeline account reads its buckets without crossing accounts (CPX-R02 reports the role). */
function inPipelineAccountOnly(context: RuleContext, role: Field): boolean {
  const arns = context.arns(role).flatMap(({ value }) => value ?? []);
  return arns.length > 0 && arns.every((arn) => context.compareAccounts(arn.account, PIPELINE) === 'same');
}

function byBucket(objects: readonly S3Object[]): Map<string, S3Object[]> {
  const buckets = new Map<string, S3Object[]>();
  for (const object of objects) buckets.set(object.bucket, [...(buckets.get(object.bucket) ?? []), object]);
  return buckets;
}

/**
 * A bucket certainly of the pipeline account: an artifact store of the pipeline, a bucket the
 * pipeline's template creates or writes a policy for, or one named after the pipeline account.
 */
function inPipelineAccount(context: RuleContext, pipeline: PipelineModel, bucket: string, target: Resolved): boolean {
  const { model } = context;
  const named = (node: Node | undefined): boolean => textOf(canonicalNode(node, model)) === bucket;
  if (storesOf(pipeline).some((store) => store.location && named(store.location.node))) return true;
  if (model.typed.buckets.some((resource) => named(get(resource.properties, 'BucketName')))) return true;
  if (model.typed.bucketPolicies.some((policy) => named(get(policy.properties, 'Bucket')))) return true;
  const accountId = model.pipelineAccountId;
  return accountId !== undefined && bucket.includes(accountId) && !(target.kind === 'literal' && bucket.includes(target.value));
}

function textOf(segments: readonly Segment[] | undefined): string | undefined {
  return segments && segmentsText(segments);
}

/** Whether the role's own policies allow reading every packaged object; `unseen` when some policy is not in view. */
function roleReads(linked: LinkedRole, bucket: string, objects: readonly S3Object[]): Tri | 'unseen' {
  const { role, model } = linked.definition;
  const managed = get(role.properties, 'ManagedPolicyArns');
  const managedArns = isSeq(managed) ? managed.items.map((item) => textOf(canonicalNode(item, model))) : [];
  if (managedArns.some((arn) => arn !== undefined && MANAGED_READERS.test(arn))) return 'yes';
  const policies = rolePolicies(role, model);
  if (!policies.complete) return 'unseen';
  const answers = objects.map((object) => allows(policies.documents, { action: 's3:GetObject', resource: objectArn(bucket, object.key), holds: NO_CONDITIONS }, model));
  return answers.includes('no') ? 'no' : answers.every((answer) => answer === 'yes') ? 'yes' : 'unknown';
}

function objectArn(bucket: string, key: string): Segment[] {
  return [{ kind: 'text', text: `arn:aws:s3:::${bucket}/${key}` }];
}

/** The artifact bucket's policy certainly lets the CloudFormation role read every object: the grant is known to the author. */
function bucketPolicyGrants(context: RuleContext, pipeline: PipelineModel, bucket: string, objects: readonly S3Object[], role: Field): boolean {
  const { model } = context;
  const policies = storesOf(pipeline).flatMap((store) => {
    const found = storeBucket(model, store);
    return found && segmentsText(found.name) === bucket ? found.policies : [];
  });
  const principals = context.values(role).flatMap((alternative) => (alternative.value ? [principalOf(alternative.value, model)] : []));
  return principals.length > 0 && principals.every((principal) => objects.every((object) =>
    allows(policies, { action: 's3:GetObject', resource: objectArn(bucket, object.key), principal, holds: NO_CONDITIONS }, model) === 'yes'));
}

/** A statement for the role's own inline policy; only for a role of this file (another file's edits are not made from here). */
function readFix(context: RuleContext, linked: LinkedRole, bucket: string, styleFrom: Node): FixDescriptor[] {
  const { role, model, fileName } = linked.definition;
  if (fileName !== undefined || model !== context.model) return [];
  const document = rolePolicies(role, model).documents.find((candidate) => candidate.attached === 'yes');
  const statement: FixValue = {
    kind: 'mapping',
    entries: [
      ['Effect', { kind: 'text', text: 'Allow' }],
      ['Action', { kind: 'list', items: READ_ACTIONS.map((action): FixValue => ({ kind: 'text', text: action })) }],
      ['Resource', { kind: 'text', text: `arn:aws:s3:::${bucket}/*` }],
    ],
  };
  const intents = document ? appendStatements(document, [statement], styleFrom) : [];
  return intents.length > 0 ? [{ title: 'Allow the CloudFormation role to read the packaged code', preferred: true, intents }] : [];
}
