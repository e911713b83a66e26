import { get, intrinsicName, isSeq, scalarText, type Node } from '../source';
import { analyseArn, type Part } from '../model/evaluate';
import { and3, canonical, fromComparison, matchSegments, or3, type Tri } from '../model/canonical';
import { coversAction, principalAccount, readPolicyDocument, resourceConditions, type PolicyDocument, type PolicyStatement } from '../model/policy';
import type { Resolved } from '../model/resolved';
import type { RoleDefinition, RuleContext, Target } from '../engine/types';
import type { Field, ResourceModel } from '../model/types';
import type { FixDescriptor, FixIntent, FixValue } from '../fixes/intents';
import { appendStatements } from './grants';

/**
 * CPX-R06…R08 look at a role through the ARN that names it, often in another template. That
 * template is account-agnostic: its `${AWS::AccountId}` is the account of the ARN, and its
 * parameters mean nothing in the pipeline's file.
 */
export interface LinkedRole {
  readonly definition: RoleDefinition;
  /** The ARN as the pipeline's file writes it, and the account it gives. */
  readonly arn: readonly Part[];
  readonly account: Resolved;
}

/** The one role an ARN field names, per `Fn::If` branch; none when it is ambiguous (CPX-U01 says so) or not in view. */
export function linkedRoles(context: RuleContext, field: Field | undefined): LinkedRole[] {
  return context.values(field).flatMap((alternative) => (alternative.value ? linkedRole(context, alternative.value) ?? [] : []));
}

/** The one role an ARN names, in this file or another; none when it is ambiguous or not in view. */
export function linkedRole(context: RuleContext, arn: readonly Part[]): LinkedRole | undefined {
  const definitions = context.roleDefinitions(arn);
  // A role with its own `Condition` may not exist; nothing is certain about it.
  if (definitions.length !== 1 || resourceConditions(definitions[0].role).size > 0) return undefined;
  return { definition: definitions[0], arn, account: analyseArn(arn).account };
}

/** A fix whose intents edit the role's template: the finding's own file, or the other file that defines the role. */
export function roleFix(definition: RoleDefinition, title: string, intents: readonly FixIntent[]): FixDescriptor[] {
  if (intents.length === 0) return [];
  const { fileName, model } = definition;
  return [{ title, preferred: true, intents, ...(fileName === undefined ? {} : { in: { fileName, source: model.source } }) }];
}

/** Appends `Allow sts:AssumeRole` for a principal (`AWS`, `Service`) to the role's trust policy. */
export function trustIntents(trust: PolicyDocument, principal: readonly [string, FixValue]): FixIntent[] {
  const statement: FixValue = {
    kind: 'mapping',
    entries: [
      ['Effect', { kind: 'text', text: 'Allow' }],
      ['Principal', { kind: 'mapping', entries: [principal] }],
      ['Action', { kind: 'text', text: 'sts:AssumeRole' }],
    ],
  };
  return appendStatements(trust, [statement], firstSub(trust));
}

/** A `Fn::Sub` the trust policy already writes, so a new `!Sub` follows its quoting and tag style. */
function firstSub(trust: PolicyDocument): Node | undefined {
  for (const statement of trust.statements) {
    const principal = get(get(statement.field.node, 'Principal'), 'AWS');
    const items = principal === undefined ? [] : isSeq(principal) ? principal.items : [principal];
    const found = items.find((item) => intrinsicName(item) === 'Fn::Sub');
    if (found) return found;
  }
  return undefined;
}

/** An account written in the role's template, in the terms of the pipeline's file. */
export function inPipelineTerms(context: RuleContext, linked: LinkedRole, value: Resolved): Resolved {
  if (linked.definition.model === context.model) return value;
  if (value.kind === 'pipeline') return linked.account;
  if (value.kind === 'literal') return { kind: 'literal', value: value.value };
  return { kind: 'unknown', reason: 'parameter', detail: 'a value of another template' };
}

const trustPolicies = new WeakMap<ResourceModel, PolicyDocument | undefined>();

/** The role's trust policy, read once per role however many actions name it. */
export function trustPolicy(linked: LinkedRole): PolicyDocument | undefined {
  const { role, model } = linked.definition;
  if (trustPolicies.has(role)) return trustPolicies.get(role);
  const node = get(role.properties, 'AssumeRolePolicyDocument');
  const policy = node && readPolicyDocument({ node, path: [...role.path, 'Properties', 'AssumeRolePolicyDocument'] }, model, 'yes', resourceConditions(role));
  trustPolicies.set(role, policy);
  return policy;
}

/** Whether some statement answers; a statement under `Fn::If`, a `Condition` block or an unreadable document leaves it open. */
export function anyStatement(document: PolicyDocument, action: string, matches: (statement: PolicyStatement) => Tri): Tri {
  const result = or3(document.statements.map((statement) => {
    if (statement.effect !== 'Allow') return statement.effect === undefined ? 'unknown' : 'no';
    const answer = and3(coversAction(statement, action), matches(statement));
    return answer === 'yes' && (statement.conditional || statement.conditions.size > 0) ? 'unknown' : answer;
  }));
  return result === 'no' && document.partial ? 'unknown' : result;
}

/** The `Principal.Service` values of a statement that are text. */
export function servicePrincipals(statement: PolicyStatement): { texts: string[]; computed: boolean; node: Node | undefined } {
  const node = get(get(statement.field.node, 'Principal'), 'Service');
  const items = node === undefined ? [] : isSeq(node) ? node.items : [node];
  const texts = items.flatMap((item) => scalarText(item) ?? []);
  return { texts, computed: texts.length < items.length, node };
}

/** A value of `Principal.AWS` against "the pipeline account or the pipeline role". */
export function principalIsPipeline(context: RuleContext, linked: LinkedRole, parts: readonly Part[], pipelineRole: readonly Part[] | undefined): Tri {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'text' && only.text === '*') return 'yes';
  const account = principalAccount(parts);
  if (account) return fromComparison(context.compareAccounts(inPipelineTerms(context, linked, account), { kind: 'pipeline' }));
  const arn = analyseArn(parts);
  if (arn.isArn !== true) return 'unknown';
  const inAccount = fromComparison(context.compareAccounts(inPipelineTerms(context, linked, arn.account), { kind: 'pipeline' }));
  if (inAccount === 'no') return 'no';
  // A role ARN in the pipeline account may be the pipeline role; only the same template can tell.
  if (linked.definition.model !== context.model || !pipelineRole) return 'unknown';
  return and3(inAccount, matchSegments(canonical(parts, context.model), canonical(pipelineRole, context.model), false));
}

/** A related place in the role's file. */
export function inRoleFile(linked: LinkedRole, node: Node, path: readonly (string | number)[]): Target {
  return { field: { node, path }, fileName: linked.definition.fileName };
}
