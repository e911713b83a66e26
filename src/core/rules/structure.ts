/** Fields of the pipeline structure that the model keeps as plain values, found by their dialect's key. */
import { getEntry, type MapNode } from '../source';
import { keyFor, type ActionModel, type DocumentModel, type Field, type PipelineModel } from '../model/types';

/** A key of a map in the structure (`RunOrder` / `runOrder`), as a field. */
export function structureField(model: DocumentModel, map: Field<MapNode>, pascalCase: string): Field | undefined {
  const key = keyFor(model.dialect, pascalCase);
  const entry = getEntry(map.node, key);
  return entry ? { node: entry.value, path: [...map.path, key] } : undefined;
}

/** A field of an action's `ActionTypeId` (`Category`, `Owner`, `Provider`, `Version`). */
export function typeIdField(model: DocumentModel, action: ActionModel, pascalCase: string): Field | undefined {
  const typeId = structureField(model, action, 'ActionTypeId');
  return typeId?.node.kind === 'map' ? structureField(model, { node: typeId.node, path: typeId.path }, pascalCase) : undefined;
}

/**
 * The pipelines whose whole structure the document shows: those of templates and get-pipeline
 * JSON (not pasted fragments), and not rewritten by a macro (which may add what is missing).
 */
export function* wholePipelines(model: DocumentModel): Generator<PipelineModel> {
  if (model.kind !== 'template' && model.kind !== 'pipeline-output' && model.kind !== 'pipeline-input') return;
  for (const pipeline of model.pipelines) if (!pipeline.macro) yield pipeline;
}
