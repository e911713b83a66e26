/** Artifact paths (`ArtifactName::path/in/artifact`) and where artifacts are produced in a pipeline. */
import { get, isSeq, scalarText } from '../source';
import { keyFor, type ActionModel, type DocumentModel, type Field, type PipelineModel } from '../model/types';
import { configField } from './support';

/** Configuration properties that name a file inside an input artifact, by provider. */
export const ARTIFACT_PATH_KEYS: Readonly<Record<string, readonly string[]>> = {
  CloudFormation: ['TemplatePath', 'TemplateConfiguration'],
  CloudFormationStackSet: ['TemplatePath', 'Parameters', 'DeploymentTargets'],
  CloudFormationStackInstances: ['Parameters', 'DeploymentTargets'],
};

export interface ArtifactPathField {
  readonly key: string;
  readonly field: Field;
}

/** The artifact-path properties an AWS deploy action sets. */
export function artifactPathFields(action: ActionModel): ArtifactPathField[] {
  if (action.owner !== 'AWS' || action.category !== 'Deploy') return [];
  return (ARTIFACT_PATH_KEYS[action.provider ?? ''] ?? []).flatMap((key) => {
    const field = configField(action, key);
    return field ? [{ key, field }] : [];
  });
}

/** `Artifact::file` split in two; undefined when the text names no artifact. */
export function splitArtifactPath(text: string): { readonly artifact: string; readonly file: string } | undefined {
  const separator = text.indexOf('::');
  return separator < 0 ? undefined : { artifact: text.slice(0, separator), file: text.slice(separator + 2) };
}

/** The names an action's input artifacts can have (any `Fn::If` branch), or undefined when an entry cannot be read. */
export function inputNames(model: DocumentModel, action: ActionModel): ReadonlySet<string> | undefined {
  const list = get(action.node, keyFor(model.dialect, 'InputArtifacts'));
  const written = isSeq(list) ? list.items.length : 0;
  const read = new Set(action.inputArtifacts.map((input) => input.field.path[action.path.length + 1]));
  return read.size === written ? new Set(action.inputArtifacts.map((input) => input.name)) : undefined;
}

/** Where an action runs in its pipeline: stage index, then RunOrder (undefined when computed). */
export interface Position {
  readonly stage: number;
  readonly runOrder: number | undefined;
}

export function positions(model: DocumentModel, pipeline: PipelineModel): Map<ActionModel, Position> {
  const result = new Map<ActionModel, Position>();
  pipeline.stages.forEach((stage, index) => {
    for (const action of stage.actions) {
      const written = get(action.node, keyFor(model.dialect, 'RunOrder'));
      const runOrder = written === undefined ? 1 : Number(scalarText(written));
      result.set(action, { stage: index, runOrder: Number.isInteger(runOrder) ? runOrder : undefined });
    }
  });
  return result;
}

/** Whether `first` certainly finishes before `second` starts; undefined when a RunOrder is computed. */
export function runsBefore(first: Position, second: Position): boolean | undefined {
  if (first.stage !== second.stage) return first.stage < second.stage;
  if (first.runOrder === undefined || second.runOrder === undefined) return undefined;
  return first.runOrder < second.runOrder;
}

/** Every `{"Fn::GetParam": [artifact, …]}` and `{"Fn::GetArtifactAtt": [artifact, …]}` in the JSON. */
export function artifactReads(json: string | undefined): { name: string; artifact: string }[] {
  if (json === undefined) return [];
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  const reads: { name: string; artifact: string }[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'Fn::GetParam' || key === 'Fn::GetArtifactAtt') && Array.isArray(item) && typeof item[0] === 'string') {
        reads.push({ name: key, artifact: item[0] });
      } else {
        visit(item);
      }
    }
  };
  visit(data);
  return reads;
}
