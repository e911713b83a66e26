import type { MapNode, Node, Path, SourceDocument } from '../source';
import type { Conditions, Scope } from './evaluate';
import type { DocumentKind } from './kinds';

/** A value in the source with the path it was found at. */
export interface Field<N extends Node = Node> {
  readonly node: N;
  readonly path: Path;
}

/** CloudFormation writes PascalCase keys; the CodePipeline API and CLI write camelCase. */
export type Dialect = 'cfn' | 'api';

export interface ArtifactRef {
  readonly name: string;
  /** The artifact's entry in the list. */
  readonly field: Field;
  /** The `Fn::If` branches that choose this entry or this name (the action's own are not repeated). */
  readonly conditions: Conditions;
}

export interface ActionModel extends Field<MapNode> {
  readonly name: string | undefined;
  readonly stageName: string | undefined;
  readonly category: string | undefined;
  readonly owner: string | undefined;
  readonly provider: string | undefined;
  readonly version: string | undefined;
  readonly configuration: Field<MapNode> | undefined;
  /** The action role: the role the pipeline role assumes to run this action. */
  readonly roleArn: Field | undefined;
  readonly region: Field | undefined;
  readonly inputArtifacts: readonly ArtifactRef[];
  readonly outputArtifacts: readonly ArtifactRef[];
  /** The `Fn::If` branches that must hold for this action to exist. */
  readonly conditions: Conditions;
}

export interface StageModel extends Field<MapNode> {
  readonly name: string | undefined;
  readonly actions: readonly ActionModel[];
  /** The `Fn::If` branches that must hold for this stage to exist. */
  readonly conditions: Conditions;
}

export interface PipelineModel extends Field<MapNode> {
  readonly logicalId: string | undefined;
  readonly name: string | undefined;
  /** The pipeline (service) role. */
  readonly roleArn: Field | undefined;
  readonly stages: readonly StageModel[];
  /** `ArtifactStore` (singular) when written. */
  readonly artifactStore: ArtifactStoreModel | undefined;
  /** The entries of `ArtifactStores`, when written. */
  readonly artifactStores: readonly ArtifactStoreModel[] | undefined;
  /** Rewritten by a macro at deployment (`Fn::Transform`, a custom `Transform`): what it lacks here may be added then. */
  readonly macro: boolean;
}

export interface ResourceModel extends Field<MapNode> {
  readonly logicalId: string;
  readonly type: string | undefined;
  readonly properties: MapNode | undefined;
}

export interface DocumentModel {
  readonly kind: DocumentKind;
  readonly source: SourceDocument;
  readonly dialect: Dialect;
  readonly scope: Scope;
  readonly pipelines: readonly PipelineModel[];
  readonly resources: ReadonlyMap<string, ResourceModel>;
  readonly typed: TemplateResources;
  /** The pipeline's own account and region when they are known (get-pipeline metadata, or given by the user). */
  readonly pipelineAccountId: string | undefined;
  readonly pipelineRegion: string | undefined;
}

/** Keys of the pipeline structure in the document's dialect (configuration keys are PascalCase in both). */
export function keyFor(dialect: Dialect, pascalCase: string): string {
  return dialect === 'cfn' ? pascalCase : pascalCase[0].toLowerCase() + pascalCase.slice(1);
}

/** One artifact store: `ArtifactStore`, an entry of `ArtifactStores`, or of the API's region map. */
export interface ArtifactStoreModel extends Field<MapNode> {
  /** The store's region: the `Region` of an `ArtifactStores` entry or the API map key; undefined for the pipeline region. */
  readonly region: string | undefined;
  /** The `Region` of an `ArtifactStores` entry as written (an expression in templates). */
  readonly regionField: Field | undefined;
  readonly location: Field | undefined;
  /** The `Fn::If` branches that must hold for this store to exist. */
  readonly conditions: Conditions;
  readonly encryptionKey: EncryptionKeyModel | undefined;
}

export interface EncryptionKeyModel extends Field<MapNode> {
  readonly id: Field | undefined;
  readonly type: Field | undefined;
}

/** The IAM, KMS and S3 resources around a pipeline, by type, in template order. */
export interface TemplateResources {
  readonly roles: readonly ResourceModel[];
  readonly policies: readonly ResourceModel[];
  readonly keys: readonly ResourceModel[];
  readonly aliases: readonly ResourceModel[];
  readonly buckets: readonly ResourceModel[];
  readonly bucketPolicies: readonly ResourceModel[];
}
