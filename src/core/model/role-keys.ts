import { get, type Node } from '../source';
import { analyseArn, evaluateString, type Part } from './evaluate';
import type { DocumentModel, ResourceModel } from './types';

/**
 * Roles are linked across templates by `role/<path><name>`, the part of the ARN after the
 * account: templates are account-agnostic, so the name is all two files can agree on.
 */

/** `role/<path><name>` of a role whose `RoleName` and `Path` are text once parameters are filled in. */
export function roleKeyOfResource(role: ResourceModel, model: DocumentModel): string | undefined {
  const name = plainText(get(role.properties, 'RoleName'), model);
  if (!name) return undefined;
  const pathNode = get(role.properties, 'Path');
  const path = pathNode === undefined ? '/' : plainText(pathNode, model);
  return path === undefined ? undefined : `role${path.startsWith('/') ? '' : '/'}${path}${path.endsWith('/') ? '' : '/'}${name}`;
}

/** `role/<path><name>` of an IAM role ARN whose resource part is text. */
export function roleKeyOfArn(arn: readonly Part[] | undefined): string | undefined {
  if (!arn) return undefined;
  const info = analyseArn(arn);
  return info.isArn === true && info.service === 'iam' && info.resource?.startsWith('role/') ? info.resource : undefined;
}

/** A value that is text once parameters are filled in. */
export function plainText(node: Node | undefined, model: DocumentModel): string | undefined {
  const alternatives = evaluateString(node, model.scope);
  const parts = alternatives.length === 1 ? alternatives[0].value : undefined;
  if (!parts) return undefined;
  let text = '';
  for (const part of parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'param' && part.value !== undefined) text += part.value;
    else return undefined;
  }
  return text;
}

