import { get, getEntry, isMap, isSeq, scalarText, type MapNode, type Node, type SeqNode } from '../source';
import type { Resolved } from '../model/resolved';
import { crossAccountUsers, KMS_ACTIONS, type AccessLevel, type ArtifactUser, type StoreBucket } from '../model/access';
import { segmentsKey } from '../model/canonical';
import { evaluateString } from '../model/evaluate';
import type { PolicyDocument, RolePolicies } from '../model/policy';
import type { ArtifactStoreModel, DocumentModel, Field, ResourceModel } from '../model/types';
import type { FixIntent, FixValue } from '../fixes/intents';
import type { RelatedDescriptor } from '../engine/types';
import { accountText, partsValue } from './support';

/** Helpers shared by the rules about artifact grants (K07, K08, B01, B04, U01): grouping, naming, and the statements fixes write. */

/** The users of one artifact store in one other account, each principal once (with the widest access it needs). */
export interface AccountGroup {
  readonly store: ArtifactStoreModel;
  readonly account: string;
  readonly users: readonly ArtifactUser[];
}

/** The account groups of every pipeline of the document. */
export function accountGroups(model: DocumentModel): AccountGroup[] {
  return model.pipelines.flatMap((pipeline) => byStoreAndAccount(model, crossAccountUsers(model, pipeline)));
}

export function byStoreAndAccount(model: DocumentModel, users: readonly ArtifactUser[]): AccountGroup[] {
  const groups = new Map<string, { store: ArtifactStoreModel; account: string; users: Map<string, ArtifactUser> }>();
  for (const user of users) {
    if (!user.store) continue;
    const account = accountText(model, user.arn.account);
    const key = `${user.store.path.join('/')}\u0000${account}`;
    const group = groups.get(key) ?? { store: user.store, account, users: new Map<string, ArtifactUser>() };
    groups.set(key, group);
    const principal = segmentsKey(user.principal.arn);
    const known = group.users.get(principal);
    if (!known || (known.level === 'read' && user.level === 'write')) group.users.set(principal, known ? { ...known, level: 'write' } : user);
  }
  return [...groups.values()].map((group) => ({ store: group.store, account: group.account, users: [...group.users.values()] }));
}

/** How a finding names a role: its ARN as written. */
export function roleLabel(model: DocumentModel, user: ArtifactUser): string {
  const text = model.source.text.slice(user.field.node.start, user.field.node.end).replace(/\s+/g, ' ');
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

export function usersLabel(model: DocumentModel, users: readonly ArtifactUser[]): string {
  return users.map((user) => `the ${user.role} ${roleLabel(model, user)}`).join(' and ');
}

/** The other places the same principals are used, for a finding's related information. */
export function otherUses(users: readonly ArtifactUser[], message: string): RelatedDescriptor[] {
  return users.slice(1).map((user) => ({ target: { field: user.field }, message }));
}

export function principalValues(model: DocumentModel, users: readonly ArtifactUser[]): FixValue[] {
  return users.flatMap((user) => partsValue(model, user.parts) ?? []);
}

/**
 * A statement `Sid` for an account's grant (`PipelineArtifactsReadDevAccountId`), unless a
 * statement of the document already uses it (Sids must be unique in a policy).
 */
export function freshSid(document: PolicyDocument | undefined, level: AccessLevel, account: Resolved): string | undefined {
  const label = account.kind === 'literal' ? account.param ?? account.value : account.kind === 'param' ? account.name : '';
  const sid = `PipelineArtifacts${level === 'read' ? 'Read' : 'ReadWrite'}${label}`.replace(/[^A-Za-z0-9]/g, '');
  return document?.statements.some((statement) => scalarText(get(statement.field.node, 'Sid')) === sid) ? undefined : sid;
}

function statement(sid: string | undefined, principals: readonly FixValue[], actions: readonly string[], resource: FixValue): FixValue {
  const principal: FixValue = principals.length === 1 ? principals[0] : { kind: 'list', items: principals };
  return {
    kind: 'mapping',
    entries: [
      ...(sid ? [['Sid', { kind: 'text', text: sid }] as const] : []),
      ['Effect', { kind: 'text', text: 'Allow' }],
      ['Principal', { kind: 'mapping', entries: [['AWS', principal]] }],
      ['Action', { kind: 'list', items: actions.map((action): FixValue => ({ kind: 'text', text: action })) }],
      ['Resource', resource],
    ],
  };
}

/** Key-policy statements (reference §4.4): read for the roles that read, read and write for the roles that write. */
export function keyStatements(model: DocumentModel, users: readonly ArtifactUser[], sid: (level: AccessLevel) => string | undefined): FixValue[] {
  return (['read', 'write'] as const).flatMap((level) => {
    const principals = principalValues(model, users.filter((user) => user.level === level));
    return principals.length > 0 ? [statement(sid(level), principals, KMS_ACTIONS[level], { kind: 'text', text: '*' })] : [];
  });
}

/** The bucket and its objects as ARNs, written the way the store names the bucket. */
export function bucketArnValues(model: DocumentModel, bucket: StoreBucket): { bucket: FixValue; objects: FixValue } | undefined {
  const alternatives = evaluateString(bucket.field.node, model.scope);
  const parts = alternatives.length === 1 ? alternatives[0].value : undefined;
  const only = parts?.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'resource' && only.attribute === undefined && only.type === 'AWS::S3::Bucket') {
    return { bucket: { kind: 'getAtt', logicalId: only.logicalId, attribute: 'Arn' }, objects: { kind: 'sub', template: `\${${only.logicalId}.Arn}/*` } };
  }
  const name = parts && partsValue(model, parts);
  if (name?.kind === 'text') return { bucket: { kind: 'text', text: `arn:aws:s3:::${name.text}` }, objects: { kind: 'text', text: `arn:aws:s3:::${name.text}/*` } };
  if (name?.kind === 'sub' || name?.kind === 'ref') {
    const template = name.kind === 'sub' ? name.template : `\${${name.logicalId}}`;
    return { bucket: { kind: 'sub', template: `arn:\${AWS::Partition}:s3:::${template}` }, objects: { kind: 'sub', template: `arn:\${AWS::Partition}:s3:::${template}/*` } };
  }
  return undefined;
}

/** Bucket-policy statements (reference §4.5): reads for every role, `s3:PutObject`/`s3:PutObjectAcl` for the roles that write. */
export function bucketStatements(
  model: DocumentModel, readers: readonly ArtifactUser[], writers: readonly ArtifactUser[], arns: { bucket: FixValue; objects: FixValue },
  sid: (level: AccessLevel) => string | undefined,
): FixValue[] {
  const statements: FixValue[] = [];
  const reading = principalValues(model, readers);
  if (reading.length > 0) statements.push(statement(sid('read'), reading, ['s3:GetObject*', 's3:GetBucket*', 's3:List*'], { kind: 'list', items: [arns.bucket, arns.objects] }));
  const writing = principalValues(model, writers);
  if (writing.length > 0) statements.push(statement(sid('write'), writing, ['s3:PutObject', 's3:PutObjectAcl'], arns.objects));
  return statements;
}

/** The `Statement` list of a document, when it is a list a fix can add to. */
function statementList(document: PolicyDocument): Field<SeqNode> | undefined {
  const node = get(document.field.node, 'Statement');
  return isSeq(node) ? { node, path: [...document.field.path, 'Statement'] } : undefined;
}

export function appendStatements(document: PolicyDocument, statements: readonly FixValue[], styleFrom: Node | undefined): FixIntent[] {
  const list = statementList(document);
  return list ? statements.map((value): FixIntent => ({ kind: 'append-item', seq: list, value, styleFrom })) : [];
}

/**
 * Adds statements to a role's own policies: to the first policy certainly attached to it (without a
 * `Condition` of its own, which would leave the grant uncertain), or else to a new inline policy.
 */
export function grantToRole(role: ResourceModel, policies: RolePolicies, statements: readonly FixValue[], policyName: string, styleFrom: Node | undefined): FixIntent[] {
  for (const document of policies.documents) {
    const intents = document.attached === 'yes' && document.conditions.size === 0 ? appendStatements(document, statements, styleFrom) : [];
    if (intents.length > 0) return intents;
  }
  const properties = propertiesOf(role);
  if (!properties || getEntry(properties.node, 'Policies')) return [];
  const policy: FixValue = {
    kind: 'mapping',
    entries: [
      ['PolicyName', { kind: 'text', text: policyName }],
      ['PolicyDocument', { kind: 'mapping', entries: [['Version', { kind: 'text', text: '2012-10-17' }], ['Statement', { kind: 'list', items: statements }]] }],
    ],
  };
  return [{ kind: 'set-entry', map: properties, key: 'Policies', value: { kind: 'list', items: [policy] }, styleFrom }];
}

/** A logical id not used yet: `base`, or `base2`, `base3`… */
export function freshLogicalId(model: DocumentModel, base: string): string {
  if (!model.resources.has(base)) return base;
  let index = 2;
  while (model.resources.has(`${base}${index}`)) index++;
  return `${base}${index}`;
}

/** The `Resources` mapping, for fixes that add a resource. */
export function resourcesMap(model: DocumentModel): Field<MapNode> | undefined {
  const node = get(model.source.root, 'Resources');
  return isMap(node) ? { node, path: ['Resources'] } : undefined;
}

/** The `Properties` mapping of a resource. */
export function propertiesOf(resource: ResourceModel): Field<MapNode> | undefined {
  return resource.properties ? { node: resource.properties, path: [...resource.path, 'Properties'] } : undefined;
}
