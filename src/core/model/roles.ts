import { evaluateString, analyseArn, singleText, type Alternative, type ArnInfo, type Conditions, mergeConditions, type Scope } from './evaluate';
import { getEntry, type MapNode } from '../source';
import type { ActionModel, DocumentModel, Field } from './types';
import type { Resolved } from './resolved';

/** `undefined` means the field is absent in that branch (not written, or `AWS::NoValue`). */
export type ArnAlternative = Alternative<ArnInfo | undefined>;

export function arnAlternatives(field: Field | undefined, scope: Scope): ArnAlternative[] {
  return evaluateString(field?.node, scope).map((alternative) => ({
    value: alternative.value ? analyseArn(alternative.value) : undefined,
    conditions: alternative.conditions,
  }));
}

/** Every consistent pairing of two alternative lists (branches that can hold together). */
export function pairs<A, B>(left: readonly Alternative<A>[], right: readonly Alternative<B>[], base: Conditions): [A, B, Conditions][] {
  const result: [A, B, Conditions][] = [];
  for (const a of left) {
    const withA = mergeConditions(base, a.conditions);
    if (!withA) continue;
    for (const b of right) {
      const both = mergeConditions(withA, b.conditions);
      if (both) result.push([a.value, b.value, both]);
    }
  }
  return result;
}

export const PIPELINE: Resolved = { kind: 'pipeline' };

/** Where an action runs (reference §0.1): the action role's account, or the pipeline's when it has none. */
export function effectiveAccount(role: ArnInfo | undefined): Resolved {
  return role ? role.account : PIPELINE;
}

export function isCloudFormationDeploy(action: ActionModel): boolean {
  return action.category === 'Deploy' && action.owner === 'AWS' && action.provider === 'CloudFormation';
}

/** A key of an action's `Configuration` (PascalCase in every dialect). */
const configFields = new WeakMap<MapNode, Map<string, Field | undefined>>();

/** A key of an action's `Configuration` (PascalCase in every dialect); looked up once per key, as every rule asks. */
export function configField(action: ActionModel, key: string): Field | undefined {
  const configuration = action.configuration;
  if (!configuration) return undefined;
  let fields = configFields.get(configuration.node);
  if (!fields) configFields.set(configuration.node, fields = new Map());
  if (fields.has(key)) return fields.get(key);
  const entry = getEntry(configuration.node, key);
  const field = entry ? { node: entry.value, path: [...configuration.path, key] } : undefined;
  fields.set(key, field);
  return field;
}

/** The file a CloudFormation action deploys, inside its artifact: `template.yaml` of `BuildOutput::./template.yaml`. */
export function templatePathInArtifact(action: ActionModel, scope: Scope): string | undefined {
  const templatePath = singleText(configField(action, 'TemplatePath')?.node, scope);
  const separator = templatePath?.indexOf('::') ?? -1;
  return templatePath && separator > 0 ? templatePath.slice(separator + 2).replace(/^\.?\/+/, '') : undefined;
}

export type RoleKind = 'pipeline role' | 'action role' | 'CloudFormation role';

export interface RoleField {
  readonly field: Field;
  readonly role: RoleKind;
  readonly action: ActionModel | undefined;
}

/** The three role fields of reference §0, wherever they are set. */
export function* roleFields(model: DocumentModel): Generator<RoleField> {
  for (const pipeline of model.pipelines) {
    if (pipeline.roleArn) yield { field: pipeline.roleArn, role: 'pipeline role', action: undefined };
    for (const stage of pipeline.stages) {
      for (const action of stage.actions) {
        if (action.roleArn) yield { field: action.roleArn, role: 'action role', action };
        const cfnRole = action.provider === 'CloudFormation' ? configField(action, 'RoleArn') : undefined;
        if (cfnRole) yield { field: cfnRole, role: 'CloudFormation role', action };
      }
    }
  }
}

