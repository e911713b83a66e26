/**
 * What the rules need to know about a template a pipeline deploys (reference §2.6): its
 * transforms and macros, the IAM resources it creates (after SAM expands it), packaged and
 * local code locations, and the roles it passes. Read once per template.
 */
import { get, intrinsicName, isMap, isSeq, scalarText, type Node } from '../source';
import type { ActionModel, DocumentModel, Field, PipelineModel, ResourceModel } from '../model/types';
import type { RuleContext } from '../engine/types';
import { actions, configField } from './support';

export interface TemplateFacts {
  /** Top-level `Transform` names. */
  readonly transforms: readonly string[];
  /** A transform or a `Fn::Transform` macro anywhere. */
  readonly usesMacro: boolean;
  /** `AWS::Serverless::Application` and `AWS::CloudFormation::Stack` resources. */
  readonly nested: readonly ResourceModel[];
  /** Resources that are, or expand to, IAM resources. */
  readonly iam: readonly ResourceModel[];
  /** IAM resources with a custom name, and the property that names them. */
  readonly namedIam: readonly { readonly resource: ResourceModel; readonly property: string }[];
  /** Code or template locations that are local paths, not S3. */
  readonly localPaths: readonly LocatedProperty[];
  /** S3 URLs whose host names a region. */
  readonly regionalUrls: readonly (LocatedProperty & { readonly region: string })[];
  /** Packaged locations whose bucket and key are written out (`s3://…`, an S3 URL, `{Bucket, Key}`). */
  readonly s3Objects: readonly S3Object[];
  /** Execution roles given to Lambda functions. */
  readonly functionRoles: readonly LocatedProperty[];
}

export interface LocatedProperty {
  readonly resource: ResourceModel;
  readonly property: string;
  readonly field: Field;
}

export interface S3Object extends LocatedProperty {
  readonly bucket: string;
  readonly key: string;
}

export const SERVERLESS_TRANSFORM = 'AWS::Serverless-2016-10-31';

const IAM_TYPES = new Set([
  'AWS::IAM::AccessKey', 'AWS::IAM::Group', 'AWS::IAM::InstanceProfile', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy',
  'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::UserToGroupAddition',
]);
const NAME_PROPERTIES = ['RoleName', 'UserName', 'GroupName', 'ManagedPolicyName', 'InstanceProfileName'];

/** Properties that `sam package` / `aws cloudformation package` upload, by resource type. */
const PACKAGED: Readonly<Record<string, readonly string[]>> = {
  'AWS::Serverless::Function': ['CodeUri'],
  'AWS::Serverless::LayerVersion': ['ContentUri'],
  'AWS::Serverless::Api': ['DefinitionUri'],
  'AWS::Serverless::HttpApi': ['DefinitionUri'],
  'AWS::Serverless::StateMachine': ['DefinitionUri'],
  'AWS::Serverless::Application': ['Location'],
  'AWS::Lambda::Function': ['Code'],
  'AWS::CloudFormation::Stack': ['TemplateURL'],
};

export interface Deployment {
  readonly action: ActionModel;
  readonly pipeline: PipelineModel;
  /** Where findings about the deployed template are reported: this file's TemplatePath. */
  readonly templatePath: Field;
  readonly template: DocumentModel;
  readonly facts: TemplateFacts;
}

/** Each action whose deployed template the engine has, with what the rules need to know about it. */
export function* deployments(context: RuleContext): Generator<Deployment> {
  for (const [action, pipeline] of actions(context.model)) {
    const templatePath = configField(action, 'TemplatePath');
    const template = templatePath ? context.deployedTemplate(action) : undefined;
    if (templatePath && template) yield { action, pipeline, templatePath, template, facts: templateFacts(template) };
  }
}

const cache = new WeakMap<DocumentModel, TemplateFacts>();

function templateFacts(template: DocumentModel): TemplateFacts {
  let facts = cache.get(template);
  if (!facts) {
    facts = readFacts(template);
    cache.set(template, facts);
  }
  return facts;
}

function readFacts(template: DocumentModel): TemplateFacts {
  const root = template.source.root;
  const transform = get(root, 'Transform');
  const transforms = (isSeq(transform) ? transform.items : transform ? [transform] : []).flatMap((item) => scalarText(item) ?? []);
  const globalRole = get(get(get(root, 'Globals'), 'Function'), 'Role');
  const facts = {
    transforms, usesMacro: transforms.length > 0 || hasFnTransform(get(root, 'Resources')),
    nested: [] as ResourceModel[], iam: [] as ResourceModel[], namedIam: [] as { resource: ResourceModel; property: string }[],
    localPaths: [] as LocatedProperty[], regionalUrls: [] as (LocatedProperty & { region: string })[], s3Objects: [] as S3Object[],
    functionRoles: [] as LocatedProperty[],
  };
  for (const resource of template.resources.values()) {
    const type = resource.type ?? '';
    const properties = resource.properties;
    const has = (key: string): boolean => get(properties, key) !== undefined;
    if (type === 'AWS::Serverless::Application' || type === 'AWS::CloudFormation::Stack') facts.nested.push(resource);
    // SAM creates a role for functions and state machines without one, a policy for connectors (aws-sam-translator 1.110).
    const expandsToIam = (type === 'AWS::Serverless::Function' && !has('Role') && !globalRole)
      || (type === 'AWS::Serverless::StateMachine' && !has('Role'))
      || type === 'AWS::Serverless::Connector' || type === 'AWS::Serverless::GraphQLApi';
    if (IAM_TYPES.has(type) || expandsToIam) facts.iam.push(resource);
    const nameProperty = IAM_TYPES.has(type) ? NAME_PROPERTIES.find(has) : undefined;
    if (nameProperty) facts.namedIam.push({ resource, property: nameProperty });
    for (const property of PACKAGED[type] ?? []) {
      const node = get(properties, property);
      if (node === undefined) continue;
      const located = { resource, property, field: { node, path: [...resource.path, 'Properties', property] } };
      const object = s3Object(node);
      if (object) facts.s3Objects.push({ ...located, ...object });
      const location = scalarText(node);
      if (location === undefined) continue;
      const region = regionOfUrl(location);
      if (region) facts.regionalUrls.push({ ...located, region });
      else if (!/^(s3|https?):\/\//.test(location)) facts.localPaths.push(located);
    }
    const role = type === 'AWS::Serverless::Function' || type === 'AWS::Lambda::Function' ? get(properties, 'Role') : undefined;
    if (role) facts.functionRoles.push({ resource, property: 'Role', field: { node: role, path: [...resource.path, 'Properties', 'Role'] } });
  }
  return facts;
}

/**
 * The bucket and key of a packaged location, when both are written as text: `s3://bucket/key`,
 * an S3 URL (virtual-hosted or path style), `{Bucket, Key}` (SAM) or `{S3Bucket, S3Key}` (Lambda).
 * A computed name (`!Sub`, `${AWS::AccountId}`) is left out: in the deployed stack it takes the
 * values of the target account, which this file cannot tell.
 */
function s3Object(node: Node): { bucket: string; key: string } | undefined {
  if (isMap(node)) {
    const bucket = scalarText(get(node, 'Bucket') ?? get(node, 'S3Bucket'));
    const key = scalarText(get(node, 'Key') ?? get(node, 'S3Key'));
    return bucket && key !== undefined ? { bucket, key } : undefined;
  }
  const location = scalarText(node);
  const match = location === undefined ? undefined
    : /^s3:\/\/([^/?]+)\/([^?]*)/.exec(location)
      ?? /^https:\/\/s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^/?]+)\/([^?]*)/.exec(location)
      ?? /^https:\/\/([^/]+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\/([^?]*)/.exec(location);
  return match ? { bucket: match[1], key: match[2] } : undefined;
}

/** The region in an S3 URL's host (`bucket.s3.eu-west-1.amazonaws.com`, `s3-eu-west-1.amazonaws.com`). */
function regionOfUrl(url: string): string | undefined {
  return /^https:\/\/(?:[^/]*\.)?s3[.-]([a-z]{2}(?:-gov)?-[a-z]+-\d)\.amazonaws\.com/.exec(url)?.[1];
}

function hasFnTransform(node: Node | undefined): boolean {
  if (isMap(node)) {
    if (intrinsicName(node) === 'Fn::Transform') return true;
    return node.entries.some((entry) => entry.key === 'Fn::Transform' || hasFnTransform(entry.value));
  }
  return isSeq(node) && node.items.some(hasFnTransform);
}
