/** Regions of actions and artifact stores, three-valued like accounts. */
import type { Part } from '../model/evaluate';
import type { Resolved } from '../model/resolved';
import { PIPELINE } from '../model/roles';
import type { ActionModel, ArtifactStoreModel, Field } from '../model/types';
import type { RuleContext } from '../engine/types';

/** Every AWS Region that exists; a name outside it is a typo or a Region CodePipeline cannot use. */
export const AWS_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1', 'cn-north-1', 'cn-northwest-1',
]);

export const REGION_SHAPE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** What a region expression resolves to: a name, the pipeline's own (`AWS::Region`), a parameter, or unknown. */
export function resolveRegion(context: RuleContext, field: Field | undefined): Resolved {
  if (!field) return PIPELINE;
  const alternatives = context.values(field);
  const parts: readonly Part[] | undefined = alternatives.length === 1 ? alternatives[0].value : undefined;
  if (parts?.length === 1) {
    const [part] = parts;
    if (part.kind === 'text') return { kind: 'literal', value: part.text };
    if (part.kind === 'pseudo' && part.name === 'AWS::Region') return PIPELINE;
    if (part.kind === 'param') return part.value !== undefined ? { kind: 'literal', value: part.value, param: part.name } : { kind: 'param', name: part.name };
  }
  return { kind: 'unknown', reason: 'expression', detail: 'a computed region' };
}

/** The region an action runs in (reference §0.1): its `Region`, else the pipeline's. */
export function actionRegion(context: RuleContext, action: ActionModel): Resolved {
  return resolveRegion(context, action.region);
}

/** The region of an artifact store: the API map key, the `Region` of an `ArtifactStores` entry, else the pipeline's. */
export function storeRegion(context: RuleContext, store: ArtifactStoreModel): Resolved {
  if (store.regionField) return resolveRegion(context, store.regionField);
  return store.region !== undefined ? { kind: 'literal', value: store.region } : PIPELINE;
}

export function regionText(context: RuleContext, region: Resolved): string {
  if (region.kind === 'literal') return region.value;
  if (region.kind === 'pipeline') return context.model.pipelineRegion ?? "the pipeline's region";
  return region.kind === 'param' ? `\${${region.name}}` : region.detail;
}

/** The bucket an artifact store or S3 action names, as comparable text: a literal name or `Ref` of a resource. */
export function bucketIdentity(context: RuleContext, field: Field | undefined): string | undefined {
  const alternatives = context.values(field);
  const parts = alternatives.length === 1 ? alternatives[0].value : undefined;
  if (!parts || parts.length !== 1) return undefined;
  const [part] = parts;
  if (part.kind === 'text') return part.text;
  if (part.kind === 'param') return part.value ?? `\${${part.name}}`;
  return part.kind === 'resource' && part.attribute === undefined ? `Ref ${part.logicalId}` : undefined;
}

/**
 * Whether a region is another than the pipeline's: certainly, or possibly (a written region
 * while the pipeline's own is not known), else undefined.
 */
export function otherThanPipeline(context: RuleContext, region: Resolved): 'certain' | 'possible' | undefined {
  const comparison = context.compareRegions(region, PIPELINE);
  if (comparison === 'different') return 'certain';
  return comparison === 'unknown' && region.kind === 'literal' ? 'possible' : undefined;
}
