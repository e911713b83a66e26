import { get, getEntry, isMap, isSeq, locate, parseSource, scalarText } from '../source';
import { analyseArn, evaluateString, singleText } from '../model/evaluate';
import { compare, type Resolved } from '../model/resolved';
import { configField, isCloudFormationDeploy, pairs, PIPELINE, templatePathInArtifact } from '../model/roles';
import { roleKeyOfArn, roleKeyOfResource } from '../model/role-keys';
import { KMS_ACTIONS, storeOf } from '../model/access';
import type { ActionModel, DocumentModel, Field, PipelineModel } from '../model/types';
import { actions } from '../rules/support';
import { ACTION_ROLE_PLACEHOLDER } from '../rules/CPX-R01';
import { SERVERLESS_TRANSFORM } from '../rules/deployed';
import type { FixValue } from '../fixes/intents';
import { plainOf } from '../fixes/plain';
import { renderYaml } from '../fixes/yaml';
import { applyEdits } from '../fixes/render';
import type { Workspace } from './index';

/**
 * "Create the target-account role stack" (reference §4.6): for cross-account CloudFormation
 * actions whose roles no file defines, a template for the target account that defines them under
 * the names the pipeline's ARNs give, so that the workspace links them once it is saved.
 */

/** One CloudFormation action in the target account and the roles it names, as `role/<path><name>`. */
export interface RoleStackUse {
  readonly action: ActionModel;
  /** The action role; the name the CPX-R01 fix writes when the action has none. */
  readonly actionRole: string;
  readonly cloudFormationRole: string | undefined;
  /** The deployed template is SAM, or not in the workspace to tell. */
  readonly transform: boolean;
}

/** A cross-account CloudFormation action whose roles are defined in no file of the workspace. */
export interface RoleStackTarget {
  readonly action: ActionModel;
  readonly pipeline: PipelineModel;
  /** Where an editor offers it: the action's RoleArn value, else its Configuration.RoleArn (the CPX-R01 case). */
  readonly start: number;
  readonly end: number;
  /** The target account as a 12-digit id when known. */
  readonly account: string | undefined;
  /** The pipeline file's parameter that gives the account, if one does. */
  readonly accountParameter: string | undefined;
  /** e.g. `dev-roles.yaml`: from the account parameter, else the stage; in the pipeline file's format. */
  readonly suggestedFileName: string;
  /** Every CloudFormation action of the pipeline in that account: one stack covers them all. */
  readonly uses: readonly RoleStackUse[];
  /** The roles the stack defines: those the uses name and no file defines, in pipeline order. */
  readonly missing: readonly string[];
}

interface Group {
  readonly pipeline: PipelineModel;
  readonly account: Resolved & { kind: 'literal' | 'param' };
  readonly uses: RoleStackUse[];
}

const ACCOUNT_ID = /^\d{12}$/;

export function roleStackTargets(model: DocumentModel, workspace?: Workspace, fileName?: string): RoleStackTarget[] {
  const groups = new Map<string, Group>();
  const places: { action: ActionModel; group: Group; place: Field }[] = [];
  for (const [action, pipeline] of actions(model)) {
    if (!isCloudFormationDeploy(action)) continue;
    const cfnRole = configField(action, 'RoleArn');
    const transform = mayTransform(action, workspace, model);
    for (const [actionParts, cfnParts] of pairs(evaluateString(action.roleArn?.node, model.scope), evaluateString(cfnRole?.node, model.scope), action.conditions)) {
      // Without an action role the action runs in the pipeline account, and its roles belong where the CloudFormation role is (CPX-R01).
      const place = actionParts ? action.roleArn : cfnRole;
      const account = analyseArn(actionParts ?? cfnParts ?? []).account;
      const actionRole = actionParts ? roleKeyOfArn(actionParts) : `role/${ACTION_ROLE_PLACEHOLDER}`;
      if (!place || !actionRole || !isTargetAccount(model, account)) continue;
      const groupKey = `${model.pipelines.indexOf(pipeline)} ${account.kind === 'literal' ? account.value : account.name}`;
      const group = groups.get(groupKey) ?? { pipeline, account, uses: [] };
      groups.set(groupKey, group);
      const cloudFormationRole = roleKeyOfArn(cfnParts);
      if (!group.uses.some((use) => use.action === action && use.actionRole === actionRole && use.cloudFormationRole === cloudFormationRole)) {
        group.uses.push({ action, actionRole, cloudFormationRole, transform });
      }
      if (!places.some((other) => other.action === action && other.group === group)) places.push({ action, group, place });
    }
  }
  const defined = new Set(model.typed.roles.flatMap((role) => roleKeyOfResource(role, model) ?? []));
  const isDefined = (key: string): boolean => defined.has(key) || (workspace?.rolesByKey(key).length ?? 0) > 0;
  const rolesOf = (uses: readonly RoleStackUse[]): string[] => [...new Set(uses.flatMap((use) => [use.actionRole, ...(use.cloudFormationRole ? [use.cloudFormationRole] : [])]))];
  return places.flatMap(({ action, group, place }): RoleStackTarget[] => {
    if (rolesOf(group.uses.filter((use) => use.action === action)).every(isDefined)) return [];
    const { account } = group;
    const accountParameter = account.kind === 'param' ? account.name : account.param;
    return [{
      action, pipeline: group.pipeline, start: place.node.start, end: place.node.end,
      account: account.kind === 'literal' ? account.value : undefined,
      accountParameter, suggestedFileName: fileNameFor(accountParameter, action.stageName, model, fileName),
      uses: group.uses, missing: rolesOf(group.uses).filter((key) => !isDefined(key)),
    }];
  });
}

/** Another account than the pipeline's, or a parameter that may be one; an account nothing is known about is CPX-U01's. */
function isTargetAccount(model: DocumentModel, account: Resolved): account is Resolved & { kind: 'literal' | 'param' } {
  if (account.kind === 'param') return true;
  return account.kind === 'literal' && ACCOUNT_ID.test(account.value) && compare(account, PIPELINE, model.pipelineAccountId) !== 'same';
}

/** Whether the template an action deploys may use the SAM transform: it does, or the workspace does not hold it. */
function mayTransform(action: ActionModel, workspace: Workspace | undefined, model: DocumentModel): boolean {
  const path = templatePathInArtifact(action, model.scope);
  const deployed = path === undefined ? undefined : workspace?.deployedTemplate(path);
  if (!deployed) return true;
  const transform = get(deployed.model.source.root, 'Transform');
  return (isSeq(transform) ? transform.items : [transform]).some((item) => scalarText(item) === SERVERLESS_TRANSFORM);
}

/** `DevAccountId` → `dev-roles.yaml`; a stage name when no parameter names the account. */
function fileNameFor(parameter: string | undefined, stage: string | undefined, model: DocumentModel, fileName: string | undefined): string {
  const base = kebab(parameter?.replace(/Account(Id|ID|Number)?$/, '') ?? '') || kebab(stage ?? '') || 'target-account';
  const extension = model.source.format === 'json' ? 'json' : fileName?.toLowerCase().endsWith('.yml') ? 'yml' : 'yaml';
  return `${base}-roles.${extension}`;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').split(/[^A-Za-z0-9]+/).filter(Boolean).join('-').toLowerCase();
}

/** The CloudFormation calls of each action mode, on the stack's ARN (reference §4.2). */
const STACK_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  CHANGE_SET_REPLACE: ['CreateChangeSet', 'DeleteChangeSet', 'DescribeChangeSet', 'DescribeStacks'],
  CHANGE_SET_EXECUTE: ['DescribeChangeSet', 'DescribeStackEvents', 'DescribeStacks', 'ExecuteChangeSet'],
  CREATE_UPDATE: ['CreateStack', 'DescribeStack*', 'GetStackPolicy', 'GetTemplate*', 'SetStackPolicy', 'UpdateStack', 'ValidateTemplate'],
  REPLACE_ON_FAILURE: ['CreateStack', 'DeleteStack', 'DescribeStack*', 'GetStackPolicy', 'GetTemplate*', 'SetStackPolicy', 'UpdateStack', 'ValidateTemplate'],
  DELETE_ONLY: ['DeleteStack', 'DescribeStack*'],
};
/** Modes that hand CloudFormation a template, which may need the SAM transform. */
const TEMPLATE_MODES = new Set(['CHANGE_SET_REPLACE', 'CREATE_UPDATE', 'REPLACE_ON_FAILURE']);
const KEY_ARN_PATTERN = 'arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/.+';
const POLICY_VERSION: FixValue = { kind: 'text', text: '2012-10-17' };

const text = (value: string): FixValue => ({ kind: 'text', text: value });
const sub = (template: string): FixValue => ({ kind: 'sub', template });
const ref = (logicalId: string): FixValue => ({ kind: 'ref', logicalId });
const mapping = (...entries: (readonly [string, FixValue] | undefined)[]): FixValue & { kind: 'mapping' } =>
  ({ kind: 'mapping', entries: entries.filter((entry): entry is readonly [string, FixValue] => entry !== undefined) });
/** One item on its own, several as a list: how policies are usually written. */
const oneOrList = (items: readonly FixValue[]): FixValue => (items.length === 1 ? items[0] : { kind: 'list', items });
const allow = (actionNames: readonly string[], resource: FixValue): FixValue =>
  mapping(['Effect', text('Allow')], ['Action', oneOrList(actionNames.map(text))], ['Resource', resource]);
const document = (statements: readonly FixValue[]): FixValue =>
  mapping(['Version', POLICY_VERSION], ['Statement', { kind: 'list', items: statements }]);

const CLOUDFORMATION_TRUST = mapping(
  ['Effect', text('Allow')], ['Principal', mapping(['Service', text('cloudformation.amazonaws.com')])], ['Action', text('sts:AssumeRole')],
);
const BUCKET = sub('arn:${AWS::Partition}:s3:::${ArtifactBucketName}');
const OBJECTS = sub('arn:${AWS::Partition}:s3:::${ArtifactBucketName}/*');

/** The stack for a target's account: the roles it misses, with the least privilege its actions need (reference §4.2, §4.3, §4.6). */
export function roleStackTemplate(model: DocumentModel, target: RoleStackTarget, format: 'yaml' | 'json'): string {
  const actionRoles = new Set(target.uses.map((use) => use.actionRole));
  const logicalIds = new Map<string, string>();
  const taken = new Set(['PipelineAccountId', 'ArtifactBucketName', 'ArtifactKeyArn']);
  for (const key of target.missing) {
    const base = logicalIdOf(key);
    let id = base;
    // `StackName`, `StackName2`… are the parameters of the stacks the action roles act on.
    for (let n = 2; taken.has(id) || /^StackName\d*$/.test(id); n++) id = `${base}${n}`;
    taken.add(id);
    logicalIds.set(key, id);
  }
  const parameters: [string, FixValue][] = [];
  const stackParameters = new Map<string, string>();
  /** A `StackName` parameter per stack the action roles act on, with the pipeline's name as default when it is text. */
  const stackArn = (use: RoleStackUse): FixValue => {
    const field = configField(use.action, 'StackName');
    const name = singleText(field?.node, model.scope);
    const region = regionOf(model, use);
    const key = `${region} ${name ?? (field ? model.source.text.slice(field.node.start, field.node.end) : '')}`;
    let parameter = stackParameters.get(key);
    if (!parameter) {
      parameter = stackParameters.size === 0 ? 'StackName' : `StackName${stackParameters.size + 1}`;
      stackParameters.set(key, parameter);
      parameters.push([parameter, mapping(
        ['Type', text('String')], name === undefined ? undefined : ['Default', text(name)],
        ['Description', text(`The stack that ${use.action.name ?? 'the action'} deploys (its Configuration.StackName).`)],
      )]);
    }
    return sub(`arn:\${AWS::Partition}:cloudformation:${region}:\${AWS::AccountId}:stack/\${${parameter}}/*`);
  };
  const cloudFormationRoles = new Set(target.uses.flatMap((use) => use.cloudFormationRole ?? []));
  const resources = target.missing.map((key): [string, FixValue] => {
    const uses = target.uses.filter((use) => (actionRoles.has(key) ? use.actionRole : use.cloudFormationRole) === key);
    return [logicalIds.get(key) ?? key, actionRoles.has(key)
      ? actionRole(model, key, uses, { logicalIds, actionRoles, cloudFormation: cloudFormationRoles.has(key) }, stackArn)
      : cloudFormationRole(model, key, uses)];
  });
  const store = storeOf(model, target.pipeline, target.uses[0].action);
  const bucket = singleText(store?.location?.node, model.scope);
  const keyArn = singleText(store?.encryptionKey?.id?.node, model.scope);
  const pipelineAccount = model.pipelineAccountId !== undefined && ACCOUNT_ID.test(model.pipelineAccountId) ? model.pipelineAccountId : undefined;
  const usesAccount = target.missing.some((role) => actionRoles.has(role));
  const accountText = target.account ? `account ${target.account}${target.accountParameter ? ` (${target.accountParameter})` : ''}` : `the account of ${target.accountParameter}`;
  const pipelineName = target.pipeline.name ?? target.pipeline.logicalId ?? 'the pipeline';
  const template = mapping(
    ['AWSTemplateFormatVersion', text('2010-09-09')],
    ['Description', text(`Roles in ${accountText} for the CloudFormation actions of pipeline ${pipelineName}, named as the pipeline's role ARNs name them. Deploy this stack in that account with CAPABILITY_NAMED_IAM.`)],
    ['Parameters', mapping(
      usesAccount ? ['PipelineAccountId', mapping(
        ['Type', text('String')], pipelineAccount ? ['Default', text(pipelineAccount)] : undefined, ['AllowedPattern', text('\\d{12}')],
        ['Description', text('The account of the pipeline, whose pipeline role assumes the action role.')],
      )] : undefined,
      ['ArtifactBucketName', mapping(
        ['Type', text('String')], bucket ? ['Default', text(bucket)] : undefined,
        ['Description', text("The pipeline's artifact bucket (its ArtifactStore Location).")],
      )],
      ['ArtifactKeyArn', mapping(
        ['Type', text('String')], keyArn && new RegExp(`^${KEY_ARN_PATTERN}$`).test(keyArn) ? ['Default', text(keyArn)] : undefined,
        ['AllowedPattern', text(KEY_ARN_PATTERN)],
        ['Description', text("The ARN of the artifact store's KMS key (its EncryptionKey Id), in the pipeline account.")],
      )],
      ...parameters,
    )],
    ['Resources', mapping(...resources)],
  );
  return format === 'json' ? `${JSON.stringify(plainOf(template), null, 2)}\n` : yamlOf(template, target, logicalIds, cloudFormationRoles);
}

/** `role/deploy/cross-account-role` → `CrossAccountRole`. */
function logicalIdOf(key: string): string {
  const id = key.slice(key.lastIndexOf('/') + 1).split(/[^A-Za-z0-9]+/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return /^[A-Za-z]/.test(id) ? id : `Role${id}`;
}

/** `RoleName` and, unless it is `/`, `Path`: exactly what `role/<path><name>` says. */
function nameEntries(key: string): (readonly [string, FixValue])[] {
  const slash = key.lastIndexOf('/');
  const path = key.slice('role'.length, slash + 1);
  return [['RoleName', text(key.slice(slash + 1))], ...(path === '/' ? [] : [['Path', text(path)] as const])];
}

/** The action's region for the ARNs it acts on, else the stack's own. */
function regionOf(model: DocumentModel, use: RoleStackUse): string {
  return singleText(use.action.region?.node, model.scope) ?? '${AWS::Region}';
}

interface StackRoles {
  readonly logicalIds: ReadonlyMap<string, string>;
  readonly actionRoles: ReadonlySet<string>;
  /** This role is also the CloudFormation role of an action. */
  readonly cloudFormation: boolean;
}

function actionRole(
  model: DocumentModel, key: string, uses: readonly RoleStackUse[], roles: StackRoles, stackArn: (use: RoleStackUse) => FixValue,
): FixValue {
  const modes = uses.map((use) => scalarText(configField(use.action, 'ActionMode')?.node));
  const calls = new Set(modes.flatMap((mode) => (mode && STACK_ACTIONS[mode] ? STACK_ACTIONS[mode] : Object.values(STACK_ACTIONS).flat())));
  // `DescribeStack*` already covers `DescribeStacks`.
  const stackCalls = [...calls].filter((call) => ![...calls].some((other) => other !== call && other.endsWith('*') && call.startsWith(other.slice(0, -1)))).sort();
  const stacks = dedupe(uses.map(stackArn));
  const transforms = dedupe(uses.flatMap((use, index) => {
    const mode = modes[index];
    const needed = use.transform && (!mode || !STACK_ACTIONS[mode] || TEMPLATE_MODES.has(mode));
    return needed ? [sub(`arn:\${AWS::Partition}:cloudformation:${regionOf(model, use)}:aws:transform/Serverless-2016-10-31`)] : [];
  }));
  const passed = dedupe(uses.flatMap((use) => {
    if (!use.cloudFormationRole) return [];
    const id = roles.logicalIds.get(use.cloudFormationRole);
    // `!GetAtt` on an action role (this one, or one whose policy may point back here) is a circular dependency.
    return [id && !roles.actionRoles.has(use.cloudFormationRole)
      ? { kind: 'getAtt', logicalId: id, attribute: 'Arn' } as const
      : sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:${use.cloudFormationRole}`)];
  }));
  const writes = uses.some((use) => use.action.outputArtifacts.length > 0);
  const statements = [
    allow(stackCalls.map((call) => `cloudformation:${call}`), oneOrList(stacks)),
    transforms.length > 0 ? allow(['cloudformation:CreateChangeSet'], oneOrList(transforms)) : undefined,
    passed.length > 0 ? allow(['iam:PassRole'], oneOrList(passed)) : undefined,
    allow(['s3:GetObject*', 's3:GetBucket*', 's3:List*'], { kind: 'list', items: [BUCKET, OBJECTS] }),
    writes ? allow(['s3:PutObject', 's3:PutObjectAcl'], OBJECTS) : undefined,
    allow(KMS_ACTIONS[writes ? 'write' : 'read'], ref('ArtifactKeyArn')),
  ].flatMap((statement) => statement ?? []);
  return mapping(['Type', text('AWS::IAM::Role')], ['Properties', mapping(
    ...nameEntries(key),
    ['Description', text(`Action role: the pipeline role assumes it to run ${names(uses)} in this account.${roles.cloudFormation ? ' Also a CloudFormation role: CloudFormation creates stack resources with it.' : ''}`)],
    ['AssumeRolePolicyDocument', document([
      mapping(['Effect', text('Allow')], ['Principal', mapping(['AWS', sub('arn:${AWS::Partition}:iam::${PipelineAccountId}:root')])], ['Action', text('sts:AssumeRole')]),
      ...(roles.cloudFormation ? [CLOUDFORMATION_TRUST] : []),
    ])],
    ['Policies', { kind: 'list', items: [mapping(['PolicyName', text('pipeline-actions')], ['PolicyDocument', document(statements)])] }],
  )]);
}

function cloudFormationRole(model: DocumentModel, key: string, uses: readonly RoleStackUse[]): FixValue {
  return mapping(['Type', text('AWS::IAM::Role')], ['Properties', mapping(
    ...nameEntries(key),
    ['Description', text(`CloudFormation role: CloudFormation creates the resources of ${stacksOf(model, uses)} with it.`)],
    ['AssumeRolePolicyDocument', document([CLOUDFORMATION_TRUST])],
    // Packaged code (SAM CodeUri, nested templates) is fetched from the pipeline's bucket with this role (CPX-S06).
    ['Policies', { kind: 'list', items: [mapping(['PolicyName', text('packaged-artifacts-read')], ['PolicyDocument', document([
      allow(['s3:GetObject', 's3:GetObjectVersion'], OBJECTS),
      allow(['kms:Decrypt'], ref('ArtifactKeyArn')),
    ])])] }],
  )]);
}

function names(uses: readonly RoleStackUse[]): string {
  return [...new Set(uses.map((use) => use.action.name ?? 'an action'))].join(', ');
}

function stacksOf(model: DocumentModel, uses: readonly RoleStackUse[]): string {
  const stacks = [...new Set(uses.flatMap((use) => singleText(configField(use.action, 'StackName')?.node, model.scope) ?? []))];
  return stacks.length > 0 ? `stack ${stacks.join(', ')}` : 'the stacks the pipeline deploys';
}

function dedupe(values: readonly FixValue[]): FixValue[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(plainOf(value));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How the generated `!Sub` values are quoted: `!Sub 'arn:…'`, as the reference writes them. */
const SUB_STYLE = get(parseSource("x: !Sub 'x'\n", 'yaml').root, 'x');

/**
 * YAML through the fix renderer, one top-level key at a time into a growing document, so the
 * output is written the way fixes write YAML (2 spaces, short tags, block mappings).
 */
function yamlOf(template: FixValue & { kind: 'mapping' }, target: RoleStackTarget, logicalIds: ReadonlyMap<string, string>, cloudFormationRoles: ReadonlySet<string>): string {
  let yaml = "AWSTemplateFormatVersion: '2010-09-09'\n";
  for (const [key, value] of template.entries.filter(([key]) => key !== 'AWSTemplateFormatVersion')) {
    const root = parseSource(yaml, 'yaml').root;
    if (!isMap(root)) break;
    yaml = applyEdits(yaml, renderYaml(yaml, { kind: 'set-entry', map: { node: root, path: [] }, key, value, styleFrom: SUB_STYLE }));
  }
  for (const key of target.missing.filter((role) => cloudFormationRoles.has(role))) {
    const properties = locate(parseSource(yaml, 'yaml').root, ['Resources', logicalIds.get(key) ?? key, 'Properties']);
    const entry = isMap(properties?.node) ? getEntry(properties.node, 'Policies') : undefined;
    if (!entry) continue;
    const comment = 'Add a policy with the permissions the resources of its stacks need: CloudFormation creates them with this role.';
    yaml = applyEdits(yaml, renderYaml(yaml, { kind: 'comment-above', at: { start: entry.keyStart, end: entry.keyEnd }, text: comment }));
  }
  return yaml;
}
