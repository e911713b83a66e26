import { getEntry, type MapNode } from '../source';
import { configField } from '../model/roles';

export { configField, roleFields, type RoleField, type RoleKind } from '../model/roles';
import type { Part, ArnInfo } from '../model/evaluate';
import { describe, type Resolved } from '../model/resolved';
import type { ActionModel, DocumentModel, Field, PipelineModel } from '../model/types';
import type { FixValue } from '../fixes/intents';
import type { Target } from '../engine/types';

export function configText(action: ActionModel, key: string): string | undefined {
  const node = configField(action, key)?.node;
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}

export function actionLabel(action: ActionModel): string {
  return action.name ?? 'this action';
}

export function accountText(model: DocumentModel, account: Resolved): string {
  if (account.kind === 'pipeline' && model.pipelineAccountId) return model.pipelineAccountId;
  return describe(account, 'account');
}

/** Where to point at an action as a whole: its name, else its first key. */
export function actionTarget(action: ActionModel, nameKey: string): Target {
  const name = getEntry(action.node, nameKey);
  if (name) return { field: { node: name.value, path: [...action.path, nameKey] } };
  return { span: { start: action.node.start, end: action.node.start }, path: action.path };
}

const actionLists = new WeakMap<DocumentModel, readonly [ActionModel, PipelineModel][]>();

/** Every action with its pipeline; built once per model, since every rule walks it. */
export function actions(model: DocumentModel): readonly [ActionModel, PipelineModel][] {
  let list = actionLists.get(model);
  if (!list) {
    list = model.pipelines.flatMap((pipeline) => pipeline.stages.flatMap((stage) => stage.actions.map((action): [ActionModel, PipelineModel] => [action, pipeline])));
    actionLists.set(model, list);
  }
  return list;
}

/** The action's map as a field, for fixes that add keys to it. */
export function actionMap(action: ActionModel): Field<MapNode> {
  return { node: action.node, path: action.path };
}

/**
 * An IAM role ARN in a given account, written the way the file writes ARNs: a literal
 * in get-pipeline JSON or when every piece is literal, otherwise a `Fn::Sub` template.
 * Undefined when the account cannot be written (for example a whole-ARN parameter).
 */
export function roleArnValue(model: DocumentModel, account: ArnInfo, roleName: string): FixValue | undefined {
  const accountText = subText(account.accountParts);
  if (accountText === undefined || account.accountParts.length === 0) return undefined;
  const partition = account.partitionParts.length > 0 ? subText(account.partitionParts) : 'aws';
  const literal = `arn:${partition ?? '${AWS::Partition}'}:iam::${accountText}:role/${roleName}`;
  if (!literal.includes('${')) return { kind: 'text', text: literal };
  if (model.dialect === 'api') return undefined;
  return { kind: 'sub', template: literal };
}

/** The `Fn::Sub` spelling of parts, or undefined when a part has none. */
function subText(parts: readonly Part[]): string | undefined {
  let text = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text': text += part.text; break;
      case 'pseudo': text += `\${${part.name}}`; break;
      case 'param': text += `\${${part.name}}`; break;
      case 'resource': text += `\${${part.logicalId}${part.attribute ? `.${part.attribute}` : ''}}`; break;
      default: return undefined;
    }
  }
  return text;
}

/**
 * An evaluated expression written back the way templates write it: `!GetAtt`/`!Ref` for a
 * resource, text when every piece is known, otherwise `Fn::Sub` (templates only).
 */
export function partsValue(model: DocumentModel, parts: readonly Part[]): FixValue | undefined {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'resource') return only.attribute ? { kind: 'getAtt', logicalId: only.logicalId, attribute: only.attribute } : { kind: 'ref', logicalId: only.logicalId };
  const template = subText(parts);
  if (template === undefined) return undefined;
  if (!template.includes('${')) return { kind: 'text', text: template };
  return model.dialect === 'api' ? undefined : { kind: 'sub', template };
}

/** The role's name from an ARN's resource (`role/path/name` → `path/name`). */
export function roleNameOf(arn: ArnInfo | undefined): string | undefined {
  const resource = arn?.resource;
  return resource?.startsWith('role/') ? resource.slice('role/'.length) : undefined;
}

