import { get, isMap, isSeq, locate, plainValue, scalarText, type Node } from '../source';
import { analyseArn, evaluateString, mergeConditions, type ArnInfo, type Conditions, type Part } from './evaluate';
import { canonical, canonicalNode, matchSegments, or3, segmentsText, type Segment, type Tri } from './canonical';
import { allows, comparable, principalOf, readPolicyDocument, resourceConditions, type PolicyDocument, type PrincipalQuery } from './policy';
import { compare, type Resolved } from './resolved';
import { perModelObject } from './memo';
import { configField, isCloudFormationDeploy, PIPELINE } from './roles';
import type { ActionModel, ArtifactStoreModel, DocumentModel, Field, PipelineModel, ResourceModel } from './types';

/**
 * Who reads and writes a pipeline's artifacts from another account, and where the grants they
 * need live: the artifact store's KMS key and its bucket (reference §2.2, §2.3, §4.4, §4.5).
 */

export type AccessLevel = 'read' | 'write';

/** What a key policy (and the role's own policy) must allow: reading for inputs, reading and writing for outputs. */
export const KMS_ACTIONS: Readonly<Record<AccessLevel, readonly string[]>> = {
  read: ['kms:Decrypt', 'kms:DescribeKey'],
  write: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
};

/**
 * The object calls the bucket policy must allow. Bucket-level reads (`s3:GetBucket*`, `s3:List*`)
 * are part of the grant a fix writes (§4.5), but pipelines run without them, so their absence is
 * not reported.
 */
export const S3_OBJECT_ACTIONS: Readonly<Record<AccessLevel, readonly string[]>> = {
  read: ['s3:GetObject'],
  write: ['s3:GetObject', 's3:PutObject'],
};

/** A role outside the pipeline account that reads or writes the store's artifacts for an action. */
export interface ArtifactUser {
  readonly action: ActionModel;
  readonly role: 'action role' | 'CloudFormation role';
  /** Where the role is written. */
  readonly field: Field;
  /** The role's ARN in this `Fn::If` branch. */
  readonly parts: readonly Part[];
  readonly arn: ArnInfo;
  readonly principal: PrincipalQuery;
  /** The conditions under which the action runs with this role. */
  readonly holds: Conditions;
  readonly level: AccessLevel;
  readonly store: ArtifactStoreModel | undefined;
}

/** The roles that certainly run in another account and touch artifacts, in pipeline order. */
export const crossAccountUsers = perModelObject((model: DocumentModel, pipeline: PipelineModel): readonly ArtifactUser[] => {
  const users: ArtifactUser[] = [];
  const base = resourceConditions(pipeline.logicalId ? model.resources.get(pipeline.logicalId) : undefined);
  for (const stage of pipeline.stages) {
    for (const action of stage.actions) {
      const level: AccessLevel | undefined = action.outputArtifacts.length > 0 ? 'write' : action.inputArtifacts.length > 0 ? 'read' : undefined;
      if (!level || !action.roleArn) continue;
      const store = storeOf(model, pipeline, action);
      for (const alternative of evaluateString(action.roleArn.node, model.scope)) {
        const holds = mergeAll(base, action.conditions, alternative.conditions);
        if (!alternative.value || !holds) continue;
        const arn = analyseArn(alternative.value);
        if (!runsElsewhere(model, arn.account)) continue;
        users.push(user(model, action, 'action role', action.roleArn, alternative.value, holds, level, store));
        const cfnRole = configField(action, 'RoleArn');
        if (!cfnRole || readsPackagedArtifacts(model, pipeline, action) !== 'yes') continue;
        for (const cfn of evaluateString(cfnRole.node, model.scope)) {
          const both = mergeConditions(holds, cfn.conditions);
          if (!cfn.value || !both || !runsElsewhere(model, analyseArn(cfn.value).account)) continue;
          users.push(user(model, action, 'CloudFormation role', cfnRole, cfn.value, both, 'read', store));
        }
      }
    }
  }
  return users;
});

const ACCOUNT_ID = /^\d{12}$/;

/** Certainly another account than the pipeline's: a malformed account (`{ACCOUNT_ID}`) is CPX-R09's, not another account. */
export function runsElsewhere(model: DocumentModel, account: Resolved): boolean {
  return compare(account, PIPELINE, model.pipelineAccountId) === 'different' && (account.kind !== 'literal' || ACCOUNT_ID.test(account.value));
}

function user(
  model: DocumentModel, action: ActionModel, role: ArtifactUser['role'], field: Field, parts: readonly Part[],
  holds: Conditions, level: AccessLevel, store: ArtifactStoreModel | undefined,
): ArtifactUser {
  return { action, role, field, parts, arn: analyseArn(parts), principal: principalOf(parts, model), holds, level, store };
}

function mergeAll(...all: Conditions[]): Conditions | undefined {
  let merged: Conditions | undefined = new Map();
  for (const conditions of all) merged = merged && mergeConditions(merged, conditions);
  return merged;
}

/** Every artifact store of a pipeline. */
export function storesOf(pipeline: PipelineModel): ArtifactStoreModel[] {
  return [...(pipeline.artifactStore ? [pipeline.artifactStore] : []), ...(pipeline.artifactStores ?? [])];
}

/** Every artifact store of the document that names a key, with what the key reference says. */
export function* keyedStores(model: DocumentModel): Generator<[ArtifactStoreModel, StoreKey]> {
  for (const pipeline of model.pipelines) {
    for (const store of storesOf(pipeline)) {
      const key = storeKey(model, store);
      if (key) yield [store, key];
    }
  }
}

/** The artifact store an action's artifacts live in: the pipeline's, or the one for the action's region. */
export function storeOf(model: DocumentModel, pipeline: PipelineModel, action: ActionModel): ArtifactStoreModel | undefined {
  if (pipeline.artifactStore) return pipeline.artifactStore;
  const region = regionOf(action.region?.node, model);
  return pipeline.artifactStores?.find((store) => compare(storeRegion(store, model), region, model.pipelineRegion) === 'same');
}

export function storeRegion(store: ArtifactStoreModel, model: DocumentModel): Resolved {
  if (store.region !== undefined) return { kind: 'literal', value: store.region };
  // An `ArtifactStores` entry names its region next to the store; the single `ArtifactStore` has none.
  return regionOf(locate(model.source.root, [...store.path.slice(0, -1), 'Region'])?.node, model);
}

/** A region written as a value: absent means the pipeline's own. */
export function regionOf(node: Node | undefined, model: DocumentModel): Resolved {
  if (node === undefined) return PIPELINE;
  const alternatives = evaluateString(node, model.scope);
  const parts = alternatives.length === 1 ? alternatives[0].value : undefined;
  const only = parts?.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'pseudo' && only.name === 'AWS::Region') return PIPELINE;
  if (only?.kind === 'param' && only.value === undefined) return { kind: 'param', name: only.name };
  const text = parts ? segmentsText(canonical(parts, model)) : undefined;
  return text !== undefined ? { kind: 'literal', value: text } : { kind: 'unknown', reason: 'expression', detail: 'a computed region' };
}

/** How `EncryptionKey.Id` names the key (reference K02, K03): only an ARN works across accounts. */
export type KeyForm = 'arn' | 'alias' | 'key-id' | 'unknown';

export interface StoreKey {
  readonly field: Field;
  readonly form: KeyForm;
  /** The `AWS::KMS::Key` of this template it names, if any. */
  readonly resource: ResourceModel | undefined;
  /** Where the key is, when the value says (an ARN, or a key of this stack). */
  readonly account: Resolved;
  readonly region: Resolved;
}

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const KMS_ARN = /^arn:[^:]*:kms:[^:]*:[^:]*:(key|alias)\//;

export const storeKey = perModelObject((model: DocumentModel, store: ArtifactStoreModel): StoreKey | undefined => {
  const field = store.encryptionKey?.id;
  return field && keyReference(model, field);
});

/** What a key-valued field (`EncryptionKey.Id`, a project's `EncryptionKey`, `KMSMasterKeyID`) names. */
export function keyReference(model: DocumentModel, field: Field): StoreKey {
  const alternatives = evaluateString(field.node, model.scope);
  const parts = alternatives.length === 1 ? alternatives[0].value : undefined;
  const unknown: Resolved = { kind: 'unknown', reason: 'expression', detail: 'a key named without an ARN' };
  if (!parts) return { field, form: 'unknown', resource: undefined, account: unknown, region: unknown };
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'resource') {
    const resource = model.resources.get(only.logicalId);
    if (only.type === 'AWS::KMS::Key') {
      const form = only.attribute === 'Arn' ? 'arn' : only.attribute === undefined || only.attribute === 'KeyId' ? 'key-id' : 'unknown';
      return { field, form, resource, account: form === 'arn' ? PIPELINE : unknown, region: form === 'arn' ? PIPELINE : unknown };
    }
    if (only.type === 'AWS::KMS::Alias' && only.attribute === undefined) {
      return { field, form: 'alias', resource: resource && aliasTarget(resource, model), account: unknown, region: unknown };
    }
  }
  const segments = canonical(parts, model);
  // The value's shape: unknown words (an account, a key id) stand in as `x`, anything else as `*`.
  const shape = segments.map((segment) => (segment.kind === 'text' ? segment.text : segment.word ? 'x' : '*')).join('');
  const whole = segmentsText(segments);
  const keySymbol = segments.find((segment) => segment.kind === 'symbol' && segment.key.startsWith('key:'));
  const symbolKey = keySymbol?.kind === 'symbol' ? model.resources.get(keySymbol.key.slice('key:'.length)) : undefined;
  const arn = analyseArn(parts);
  const match = KMS_ARN.exec(shape);
  if (match) {
    const form = match[1] === 'alias' ? 'alias' : 'arn';
    const resource = form === 'alias' ? aliasNamed(segments, model, true) : symbolKey;
    return { field, form, resource, account: arn.account, region: arn.region };
  }
  if (shape.startsWith('alias/')) return { field, form: 'alias', resource: aliasNamed(segments, model, false), account: unknown, region: unknown };
  if (whole !== undefined && KEY_ID.test(whole)) return { field, form: 'key-id', resource: undefined, account: unknown, region: unknown };
  return { field, form: 'unknown', resource: undefined, account: arn.account, region: arn.region };
}

/** Whether two key references name the same key. */
export function sameKey(model: DocumentModel, a: StoreKey, b: StoreKey): Tri {
  if (JSON.stringify(plainValue(a.field.node)) === JSON.stringify(plainValue(b.field.node))) return 'yes';
  if (a.resource && b.resource) return a.resource === b.resource ? 'yes' : 'no';
  if (a.resource || b.resource) return 'unknown';
  return matchSegments(comparable(a.field.node, model), comparable(b.field.node, model), false);
}

/** The key an alias of this template points at (`TargetKeyId: !Ref Key` or `!GetAtt Key.Arn`). */
function aliasTarget(alias: ResourceModel, model: DocumentModel): ResourceModel | undefined {
  const target = canonicalNode(get(alias.properties, 'TargetKeyId'), model);
  const symbol = target?.find((segment) => segment.kind === 'symbol' && segment.key.startsWith('key:'));
  return symbol?.kind === 'symbol' ? model.resources.get(symbol.key.slice('key:'.length)) : undefined;
}

/** The key behind `alias/name` (or an alias ARN), through an `AWS::KMS::Alias` of this template. */
function aliasNamed(segments: readonly Segment[], model: DocumentModel, isArn: boolean): ResourceModel | undefined {
  for (const alias of model.typed.aliases) {
    const name = canonicalNode(get(alias.properties, 'AliasName'), model);
    if (!name) continue;
    const wanted = isArn ? [{ kind: 'text', text: 'arn:aws:kms:*:*:' } as const, ...name] : name;
    if (matchSegments(wanted, segments) === 'yes') return aliasTarget(alias, model);
  }
  return undefined;
}

export interface StoreBucket {
  readonly field: Field;
  /** The bucket's name in comparable form. */
  readonly name: readonly Segment[];
  /** The `AWS::S3::Bucket` of this template it names, if any. */
  readonly resource: ResourceModel | undefined;
  /** The bucket policies of this template that certainly or possibly belong to it. */
  readonly policies: readonly PolicyDocument[];
}

export const storeBucket = perModelObject((model: DocumentModel, store: ArtifactStoreModel): StoreBucket | undefined => {
  const field = store.location;
  const name = field && canonicalNode(field.node, model);
  if (!field || !name) return undefined;
  const resource = model.typed.buckets.find((bucket) =>
    matchSegments(canonical([{ kind: 'resource', logicalId: bucket.logicalId, attribute: undefined, type: bucket.type }], model), name, false) === 'yes');
  const policies: PolicyDocument[] = [];
  for (const policy of model.typed.bucketPolicies) {
    const bucket = canonicalNode(get(policy.properties, 'Bucket'), model);
    const linked: Tri = bucket ? matchSegments(bucket, name, false) : 'unknown';
    const document = get(policy.properties, 'PolicyDocument');
    if (linked === 'no' || !document) continue;
    policies.push(readPolicyDocument({ node: document, path: [...policy.path, 'Properties', 'PolicyDocument'] }, model, linked, resourceConditions(policy)));
  }
  return { field, name, resource, policies };
});

/** The ARNs a bucket policy is asked about: the bucket, and an artifact object in it. */
export function bucketArns(bucket: StoreBucket): { bucket: Segment[]; objects: Segment[] } {
  const arn: Segment[] = [{ kind: 'text', text: 'arn:aws:s3:::' }, ...bucket.name];
  return { bucket: arn, objects: [...arn, { kind: 'text', text: '/' }, { kind: 'opaque', word: false }] };
}

/** The key's ARN (with the key's account and region) for matching `Resource` in a role's own policy. */
export function keyArn(model: DocumentModel, key: StoreKey): Segment[] {
  if (key.resource) return canonical([{ kind: 'resource', logicalId: key.resource.logicalId, attribute: 'Arn', type: key.resource.type }], model);
  const alternatives = evaluateString(key.field.node, model.scope);
  return alternatives.length === 1 && alternatives[0].value ? canonical(alternatives[0].value, model) : [{ kind: 'opaque', word: false }];
}

/** The actions of `wanted` a set of documents certainly does not grant (an unknown answer is not missing). */
export function missingGrants(documents: readonly PolicyDocument[], wanted: readonly string[], query: Omit<Parameters<typeof allows>[1], 'action'>, model: DocumentModel): string[] {
  return wanted.filter((action) => allows(documents, { ...query, action }, model) === 'no');
}

/** The CodeBuild project of this template a CodeBuild action runs. */
export function projectOf(model: DocumentModel, action: ActionModel): ResourceModel | undefined {
  return projects(model, action);
}

const projects = perModelObject((model: DocumentModel, action: ActionModel): ResourceModel | undefined => {
  if (action.provider !== 'CodeBuild') return undefined;
  const name = configField(action, 'ProjectName');
  const alternatives = evaluateString(name?.node, model.scope);
  const only = alternatives.length === 1 && alternatives[0].value?.length === 1 ? alternatives[0].value[0] : undefined;
  if (only?.kind === 'resource') return only.type === 'AWS::CodeBuild::Project' && only.attribute === undefined ? model.resources.get(only.logicalId) : undefined;
  const wanted = name && canonicalNode(name.node, model);
  if (!wanted) return undefined;
  return [...model.resources.values()].find((resource) => resource.type === 'AWS::CodeBuild::Project'
    && matchSegments(canonical([{ kind: 'resource', logicalId: resource.logicalId, attribute: undefined, type: resource.type }], model), wanted, false) === 'yes');
});

/** The actions of the pipeline that produce an artifact. */
export function producersOf(pipeline: PipelineModel, artifact: string): ActionModel[] {
  return pipeline.stages.flatMap((stage) => stage.actions.filter((action) => action.outputArtifacts.some((output) => output.name === artifact)));
}

const PACKAGE_COMMAND = /\b(?:sam|cloudformation)\s+package\b[^\n]*?--s3-bucket[\s=]+["']?([^\s"']+)/g;
const MODES_USING_ROLE = new Set(['CREATE_UPDATE', 'REPLACE_ON_FAILURE', 'CHANGE_SET_REPLACE']);

/**
 * Whether the CloudFormation role of a deploy action reads artifacts itself (reference S06): the
 * template it deploys was packaged (`sam package`, `aws cloudformation package`) by a CodeBuild
 * project of this template into the artifact bucket, so the packaged code is fetched with that role.
 */
export function readsPackagedArtifacts(model: DocumentModel, pipeline: PipelineModel, action: ActionModel): Tri {
  const mode = scalarText(configField(action, 'ActionMode')?.node);
  const templatePath = scalarText(configField(action, 'TemplatePath')?.node);
  if (!isCloudFormationDeploy(action) || !mode || !MODES_USING_ROLE.has(mode) || !templatePath?.includes('::')) return 'no';
  const store = storeOf(model, pipeline, action);
  const bucket = store && storeBucket(model, store);
  const artifact = templatePath.slice(0, templatePath.indexOf('::'));
  return or3(producersOf(pipeline, artifact).map((producer) => {
    const project = projectOf(model, producer);
    if (!project || !bucket) return producer.provider === 'CodeBuild' ? 'unknown' : 'no';
    const targets = packageTargets(model, project);
    if (targets === 'unreadable') return 'unknown';
    return or3(targets.map((target) => (target ? matchSegments(target, bucket.name, false) : 'unknown')));
  }));
}

/** The buckets a project's inline buildspec packages into; a buildspec file in the source cannot be read from here. */
const packageTargets = perModelObject((model: DocumentModel, project: ResourceModel): readonly (Segment[] | undefined)[] | 'unreadable' => {
  const buildSpec = get(get(project.properties, 'Source'), 'BuildSpec');
  const spec = buildSpec && scalarText(buildSpec);
  if (spec === undefined || !spec.includes('\n')) return 'unreadable';
  return [...spec.matchAll(PACKAGE_COMMAND)].map((match) => bucketArgument(match[1], project, model));
});

/** A `--s3-bucket` argument: a name, or `$VAR` / `${VAR}` from the project's environment variables. */
function bucketArgument(argument: string, project: ResourceModel, model: DocumentModel): Segment[] | undefined {
  const variable = /^\$\{?(\w+)\}?$/.exec(argument)?.[1];
  if (!variable) return [{ kind: 'text', text: argument }];
  const variables = get(get(project.properties, 'Environment'), 'EnvironmentVariables');
  const entry = isSeq(variables) ? variables.items.find((item) => isMap(item) && scalarText(get(item, 'Name')) === variable) : undefined;
  return entry ? canonicalNode(get(entry, 'Value'), model) : undefined;
}
