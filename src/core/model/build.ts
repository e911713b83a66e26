import { get, getEntry, intrinsicName, isMap, isSeq, scalarText, type MapNode, type Node, type Path, type SourceDocument } from '../source';
import { analyseArn, EMPTY_SCOPE, evaluateString, mergeConditions, type Conditions, type ParameterInfo, type Scope } from './evaluate';
import { detectKind, type DocumentKind } from './kinds';
import {
  keyFor, type ActionModel, type ArtifactRef, type ArtifactStoreModel, type Dialect, type DocumentModel, type Field,
  type PipelineModel, type ResourceModel, type StageModel, type TemplateResources,
} from './types';

export interface ModelOptions {
  /** Parameter values by name; `AWS::AccountId` and `AWS::Region` give the pipeline's own account and region. */
  readonly parameterValues?: ReadonlyMap<string, string>;
  /** Values other templates export, by export name (a workspace resolves `Fn::ImportValue` with them). */
  readonly exports?: ReadonlyMap<string, string>;
}

const NO_CONDITIONS: Conditions = new Map();

const NO_RESOURCES: TemplateResources = { roles: [], policies: [], keys: [], aliases: [], buckets: [], bucketPolicies: [] };

const TYPED: Readonly<Record<string, keyof TemplateResources>> = {
  'AWS::IAM::Role': 'roles', 'AWS::IAM::Policy': 'policies', 'AWS::IAM::ManagedPolicy': 'policies',
  'AWS::KMS::Key': 'keys', 'AWS::KMS::Alias': 'aliases', 'AWS::S3::Bucket': 'buckets', 'AWS::S3::BucketPolicy': 'bucketPolicies',
};

function typedResources(resources: ReadonlyMap<string, ResourceModel>): TemplateResources {
  const typed = { roles: [], policies: [], keys: [], aliases: [], buckets: [], bucketPolicies: [] } as { [K in keyof TemplateResources]: ResourceModel[] };
  for (const resource of resources.values()) {
    const group = resource.type ? TYPED[resource.type] : undefined;
    if (group) typed[group].push(resource);
  }
  return typed;
}

export function buildModel(source: SourceDocument, options: ModelOptions = {}): DocumentModel {
  const values = options.parameterValues ?? new Map<string, string>();
  const kind = detectKind(source.root);
  const root = source.root;
  const base = {
    kind, source, pipelineAccountId: values.get('AWS::AccountId'), pipelineRegion: values.get('AWS::Region'),
  };
  if (!isMap(root) || kind === 'none') {
    return { ...base, dialect: 'cfn', scope: EMPTY_SCOPE, pipelines: [], resources: new Map(), typed: NO_RESOURCES };
  }
  if (kind === 'template') return buildTemplate(root, values, base, options.exports);
  return buildApiDocument(root, kind, values, base);
}

type Base = Pick<DocumentModel, 'kind' | 'source' | 'pipelineAccountId' | 'pipelineRegion'>;

function buildTemplate(root: MapNode, values: ReadonlyMap<string, string>, base: Base, exports: ReadonlyMap<string, string> | undefined): DocumentModel {
  const parameters = new Map<string, ParameterInfo>();
  const parametersNode = get(root, 'Parameters');
  if (isMap(parametersNode)) {
    for (const entry of parametersNode.entries) {
      parameters.set(entry.key, {
        name: entry.key, type: scalarText(get(entry.value, 'Type')), defaultValue: scalarText(get(entry.value, 'Default')),
      });
    }
  }
  const resources = new Map<string, ResourceModel>();
  const resourceTypes = new Map<string, string | undefined>();
  const resourcesNode = get(root, 'Resources');
  if (isMap(resourcesNode)) {
    for (const entry of resourcesNode.entries) {
      if (!isMap(entry.value)) continue;
      const type = scalarText(get(entry.value, 'Type'));
      const properties = get(entry.value, 'Properties');
      resources.set(entry.key, {
        logicalId: entry.key, type, node: entry.value, path: ['Resources', entry.key],
        properties: isMap(properties) ? properties : undefined,
      });
      resourceTypes.set(entry.key, type);
    }
  }
  const mappings = get(root, 'Mappings');
  const scope: Scope = { parameters, resourceTypes, mappings: isMap(mappings) ? mappings : undefined, values, exports };
  const pipelines: PipelineModel[] = [];
  const transform = get(root, 'Transform');
  // AWS's own transforms leave a pipeline resource as written; another macro may rewrite it.
  const customMacro = (isSeq(transform) ? transform.items : transform ? [transform] : []).some((item) => !scalarText(item)?.startsWith('AWS::'));
  for (const resource of resources.values()) {
    if (resource.type !== 'AWS::CodePipeline::Pipeline' || !resource.properties) continue;
    const pipeline = buildPipeline(resource.properties, [...resource.path, 'Properties'], 'cfn', resource.logicalId);
    pipelines.push({ ...pipeline, macro: customMacro || [resource.node, resource.properties].some((map) => getEntry(map, 'Fn::Transform')) });
  }
  const pipelineAccountId = base.pipelineAccountId ?? accountOfPipelineRoles(pipelines, scope);
  return { ...base, pipelineAccountId, dialect: 'cfn', scope, pipelines, resources, typed: typedResources(resources) };
}

/**
 * A pipeline's service role must be in the pipeline's account, so a pipeline role written
 * as a literal ARN tells the pipeline account (when every pipeline agrees).
 */
function accountOfPipelineRoles(pipelines: readonly PipelineModel[], scope: Scope): string | undefined {
  const accounts = new Set<string>();
  for (const pipeline of pipelines) {
    const alternatives = evaluateString(pipeline.roleArn?.node, scope);
    for (const { value } of alternatives) {
      const account = value ? analyseArn(value).account : undefined;
      if (account?.kind === 'literal' && account.param === undefined && /^\d{12}$/.test(account.value)) accounts.add(account.value);
    }
  }
  return accounts.size === 1 ? [...accounts][0] : undefined;
}

function buildApiDocument(root: MapNode, kind: DocumentKind, values: ReadonlyMap<string, string>, base: Base): DocumentModel {
  const scope: Scope = { ...EMPTY_SCOPE, values };
  let pipelines: PipelineModel[];
  let dialect: Dialect = 'api';
  if (kind === 'pipeline-output' || kind === 'pipeline-input') {
    const pipeline = get(root, 'pipeline') as MapNode;
    pipelines = [buildPipeline(pipeline, ['pipeline'], 'api', undefined)];
  } else {
    // A pasted fragment: its key case tells which dialect it was copied from.
    dialect = get(root, 'ActionTypeId') !== undefined || get(root, 'Actions') !== undefined ? 'cfn' : 'api';
    const stage: StageModel = kind === 'stage-fragment'
      ? buildStage(root, [], dialect, NO_CONDITIONS)
      : { node: root, path: [], name: undefined, actions: [buildAction(root, [], dialect, undefined, NO_CONDITIONS)], conditions: NO_CONDITIONS };
    pipelines = [{
      node: root, path: [], logicalId: undefined, name: undefined, roleArn: undefined, stages: [stage],
      artifactStore: undefined, artifactStores: undefined, macro: false,
    }];
  }
  let { pipelineAccountId, pipelineRegion } = base;
  if (kind === 'pipeline-output') {
    // get-pipeline output names the pipeline's ARN, which gives its account and region.
    const arn = scalarText(get(get(root, 'metadata'), 'pipelineArn'));
    const fields = arn?.split(':');
    if (fields && fields.length >= 6 && fields[0] === 'arn') {
      pipelineRegion ??= fields[3] || undefined;
      pipelineAccountId ??= fields[4] || undefined;
    }
  }
  pipelineAccountId ??= accountOfPipelineRoles(pipelines, scope);
  return { ...base, pipelineAccountId, pipelineRegion, dialect, scope, pipelines, resources: new Map(), typed: NO_RESOURCES };
}

function field(map: MapNode, path: Path, key: string): Field | undefined {
  const entry = getEntry(map, key);
  return entry ? { node: entry.value, path: [...path, key] } : undefined;
}

function buildPipeline(node: MapNode, path: Path, dialect: Dialect, logicalId: string | undefined): PipelineModel {
  const k = (name: string): string => keyFor(dialect, name);
  const stages: StageModel[] = [];
  for (const branch of branches(get(node, k('Stages')), [...path, k('Stages')], NO_CONDITIONS)) {
    stages.push(buildStage(branch.node, branch.path, dialect, branch.conditions));
  }
  return {
    node, path, logicalId, name: scalarText(get(node, k('Name'))), roleArn: field(node, path, k('RoleArn')), stages,
    artifactStore: artifactStore(get(node, k('ArtifactStore')), [...path, k('ArtifactStore')], undefined, undefined, dialect, NO_CONDITIONS),
    artifactStores: artifactStores(get(node, k('ArtifactStores')), [...path, k('ArtifactStores')], dialect),
    macro: false,
  };
}

function artifactStore(
  node: Node | undefined, path: Path, region: string | undefined, regionField: Field | undefined, dialect: Dialect, conditions: Conditions,
): ArtifactStoreModel | undefined {
  if (!isMap(node)) return undefined;
  const k = (name: string): string => keyFor(dialect, name);
  const keyNode = get(node, k('EncryptionKey'));
  const keyPath = [...path, k('EncryptionKey')];
  return {
    node, path, region, regionField, conditions, location: field(node, path, k('Location')),
    encryptionKey: isMap(keyNode)
      ? { node: keyNode, path: keyPath, id: field(keyNode, keyPath, k('Id')), type: field(keyNode, keyPath, k('Type')) }
      : undefined,
  };
}

/** CloudFormation lists `{Region, ArtifactStore}`; the API keys a map by region. */
function artifactStores(node: Node | undefined, path: Path, dialect: Dialect): ArtifactStoreModel[] | undefined {
  if (dialect === 'api') {
    if (!isMap(node)) return undefined;
    return node.entries.flatMap((entry) => artifactStore(entry.value, [...path, entry.key], entry.key, undefined, dialect, NO_CONDITIONS) ?? []);
  }
  if (!isSeq(node)) return undefined;
  // Entries written as `Fn::If` (a store only some deployments need) count in their branch.
  return branches(node, path, NO_CONDITIONS).flatMap((branch) => {
    const region = scalarText(get(branch.node, 'Region'));
    const storePath = [...branch.path, 'ArtifactStore'];
    return artifactStore(get(branch.node, 'ArtifactStore'), storePath, region, field(branch.node, branch.path, 'Region'), dialect, branch.conditions) ?? [];
  });
}

function buildStage(node: MapNode, path: Path, dialect: Dialect, conditions: Conditions): StageModel {
  const k = (name: string): string => keyFor(dialect, name);
  const name = scalarText(get(node, k('Name')));
  const actions: ActionModel[] = [];
  for (const branch of branches(get(node, k('Actions')), [...path, k('Actions')], conditions)) {
    actions.push(buildAction(branch.node, branch.path, dialect, name, branch.conditions));
  }
  return { node, path, name, actions, conditions };
}

function buildAction(node: MapNode, path: Path, dialect: Dialect, stageName: string | undefined, conditions: Conditions): ActionModel {
  const k = (name: string): string => keyFor(dialect, name);
  const typeId = get(node, k('ActionTypeId'));
  const typeField = (name: string): string | undefined => scalarText(get(typeId, k(name)));
  const configuration = field(node, path, k('Configuration'));
  return {
    node, path, stageName, conditions,
    name: scalarText(get(node, k('Name'))),
    category: typeField('Category'),
    owner: typeField('Owner'),
    provider: typeField('Provider'),
    version: typeField('Version'),
    configuration: configuration && isMap(configuration.node) ? { node: configuration.node, path: configuration.path } : undefined,
    roleArn: field(node, path, k('RoleArn')),
    region: field(node, path, k('Region')),
    inputArtifacts: artifacts(node, path, k('InputArtifacts'), k('Name')),
    outputArtifacts: artifacts(node, path, k('OutputArtifacts'), k('Name')),
  };
}

/** The artifacts of a list; entries and names written as `Fn::If` count in their branch (`AWS::NoValue` drops out). */
function artifacts(action: MapNode, path: Path, key: string, nameKey: string): ArtifactRef[] {
  return branches(get(action, key), [...path, key], NO_CONDITIONS).flatMap((item) =>
    nameAlternatives(get(item.node, nameKey), item.conditions).map(({ name, conditions }) => ({
      name, conditions, field: { node: item.node, path: item.path },
    })));
}

function nameAlternatives(node: Node | undefined, conditions: Conditions): { name: string; conditions: Conditions }[] {
  const name = scalarText(node);
  if (name !== undefined) return [{ name, conditions }];
  const args = intrinsicName(node) === 'Fn::If' && isMap(node) ? node.entries[0].value : undefined;
  if (!isSeq(args) || args.items.length !== 3) return [];
  const condition = scalarText(args.items[0]) ?? '';
  return [true, false].flatMap((holds, index) => {
    const merged = mergeConditions(conditions, new Map([[condition, holds]]));
    return merged ? nameAlternatives(args.items[index + 1], merged) : [];
  });
}

interface Branch {
  readonly node: MapNode;
  readonly path: Path;
  readonly conditions: Conditions;
}

/** The maps of a list, with items written as `Fn::If` expanded into both branches (`AWS::NoValue` drops out). */
function branches(list: Node | undefined, path: Path, conditions: Conditions): Branch[] {
  if (!isSeq(list)) return [];
  const result: Branch[] = [];
  const visit = (node: Node, nodePath: Path, held: Conditions): void => {
    if (intrinsicName(node) === 'Fn::If' && isMap(node)) {
      const args = node.entries[0].value;
      if (!isSeq(args) || args.items.length !== 3) return;
      const condition = scalarText(args.items[0]) ?? '';
      [true, false].forEach((holds, index) => {
        const merged = mergeConditions(held, new Map([[condition, holds]]));
        if (merged) visit(args.items[index + 1], [...nodePath, 'Fn::If', index + 1], merged);
      });
      return;
    }
    if (isMap(node) && intrinsicName(node) === undefined) result.push({ node, path: nodePath, conditions: held });
  };
  list.items.forEach((item, index) => visit(item, [...path, index], conditions));
  return result;
}
