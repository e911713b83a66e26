/**
 * The IAM statements a role declared in the template is known to have: its inline
 * `Policies` and the `AWS::IAM::Policy`/`ManagedPolicy` resources attached to it.
 */
import { get, intrinsicName, isMap, isSeq, scalarText, type MapNode, type Node } from '../source';
import type { Part } from '../model/evaluate';
import type { ActionModel, DocumentModel, PipelineModel } from '../model/types';
import type { RuleContext } from '../engine/types';

export interface RolePolicies {
  readonly logicalId: string;
  readonly statements: readonly MapNode[];
  /** False when something the template does not show also applies (a managed policy ARN). */
  readonly complete: boolean;
}

/** The role that runs an action, when it is declared in this template: the action role, else the pipeline role. */
export function actionRolePolicies(context: RuleContext, action: ActionModel, pipeline: PipelineModel): RolePolicies | undefined {
  const alternatives = context.values(action.roleArn ?? pipeline.roleArn);
  if (alternatives.length !== 1) return undefined;
  const parts = alternatives[0].value;
  const only: Part | undefined = parts?.length === 1 ? parts[0] : undefined;
  if (only?.kind !== 'resource' || only.type !== 'AWS::IAM::Role' || only.attribute !== 'Arn') return undefined;
  return context.derived(policiesByRole).get(only.logicalId);
}

function policiesByRole(model: DocumentModel): ReadonlyMap<string, RolePolicies> {
  const result = new Map<string, { logicalId: string; statements: MapNode[]; complete: boolean }>();
  for (const role of model.typed.roles) {
    const managed = get(role.properties, 'ManagedPolicyArns');
    const complete = managed === undefined || (isSeq(managed) && managed.items.length === 0);
    const entry = { logicalId: role.logicalId, statements: [] as MapNode[], complete };
    const policies = get(role.properties, 'Policies');
    for (const policy of isSeq(policies) ? policies.items : []) collectStatements(get(policy, 'PolicyDocument'), entry);
    result.set(role.logicalId, entry);
  }
  for (const policy of model.typed.policies) {
    const roles = get(policy.properties, 'Roles');
    for (const item of isSeq(roles) ? roles.items : []) {
      const target = result.get(scalarText(get(item, 'Ref')) ?? '');
      if (target) collectStatements(get(policy.properties, 'PolicyDocument'), target);
    }
  }
  return result;
}

function collectStatements(document: Node | undefined, into: { statements: MapNode[]; complete: boolean }): void {
  if (!isMap(document)) {
    into.complete = false;
    return;
  }
  const statement = get(document, 'Statement');
  const items = isSeq(statement) ? statement.items : statement ? [statement] : [];
  for (const item of items) {
    if (isMap(item) && intrinsicName(item) === undefined) into.statements.push(item);
    // A statement behind a condition or computed cannot be read for certain.
    else into.complete = false;
  }
}

/** Whether an `Allow` statement grants an IAM action (wildcards in the statement honoured; `NotAction` taken as granting). */
export function allows(statement: MapNode, action: string): boolean {
  if (scalarText(get(statement, 'Effect')) !== 'Allow') return false;
  if (get(statement, 'NotAction') !== undefined) return true;
  return patterns(get(statement, 'Action')).some((pattern) => wildcardMatches(pattern, action));
}

/** The statement's `Resource` patterns as text; computed ones become `undefined`. */
export function resources(statement: MapNode): (string | undefined)[] {
  const resource = get(statement, 'Resource');
  const items = isSeq(resource) ? resource.items : resource ? [resource] : [];
  return items.map((item) => scalarText(item) ?? scalarText(get(item, 'Fn::Sub')));
}

function patterns(node: Node | undefined): string[] {
  const items = isSeq(node) ? node.items : node ? [node] : [];
  return items.flatMap((item) => scalarText(item) ?? []);
}

/**
 * IAM wildcard matching (`*`, `?`), case-insensitive, without building a regular expression:
 * patterns come from the user's file and may be any length. Greedy with backtracking to the
 * last `*`, linear in practice.
 */
export function wildcardMatches(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < t.length) {
    if (i < p.length && (p[i] === '?' || p[i] === t[j])) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      resume = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else {
      return false;
    }
  }
  while (p[i] === '*') i++;
  return i === p.length;
}
