import { get, getEntry, intrinsicName, isMap, isSeq, scalarText, type MapNode, type Node, type Path } from '../source';
import { analyseArn, evaluateString, mergeConditions, type Conditions, type Part, type StringAlternative } from './evaluate';
import { and3, canonical, canonicalNode, fromComparison, matchSegments, or3, type Segment, type Tri } from './canonical';
import { compare, type Resolved } from './resolved';
import { perModelObject } from './memo';
import type { DocumentModel, Field, ResourceModel } from './types';

/**
 * IAM policy documents (identity policies, key policies, bucket policies) read into a form that
 * answers one question, three-valued: does some `Allow` statement grant this action on this
 * resource to this principal? `Deny` statements are not consulted: they can take a grant away,
 * but the rules only report grants that are missing, never ones a `Deny` might cancel.
 */

/** The values of a list-or-string policy field, each with its `Fn::If` alternatives. */
type Values = readonly StringAlternative[];

export interface PolicyStatement {
  readonly field: Field<MapNode>;
  /** The `Fn::If` branches that lead to this statement. */
  readonly conditions: Conditions;
  readonly effect: string | undefined;
  readonly actions: Values | undefined;
  readonly notActions: Values | undefined;
  readonly resources: Values | undefined;
  readonly notResources: Values | undefined;
  /** `Principal.AWS` (or `*` for `Principal: '*'`); undefined when the statement has no `Principal`. */
  readonly principals: Values | undefined;
  readonly notPrincipal: boolean;
  /** A `Condition` block, which may narrow the grant to some principals or requests. */
  readonly conditional: boolean;
}

export interface PolicyDocument {
  readonly field: Field;
  readonly statements: readonly PolicyStatement[];
  /** Some statement (or the whole document) is computed and could not be read. */
  readonly partial: boolean;
  /** Whether the document applies to the subject asked about (attached to the role, the policy of the bucket). */
  readonly attached: Tri;
  /** The conditions under which the document exists (its resource's `Condition`). */
  readonly conditions: Conditions;
}

export interface PrincipalQuery {
  /** The principal's ARN in comparable form. */
  readonly arn: readonly Segment[];
  readonly account: Resolved;
}

export interface GrantQuery {
  /** An action name, or a family such as `kms:ReEncrypt*` that must be granted as a whole. */
  readonly action: string;
  /** Matched against `Resource`; undefined for key policies, whose resource is the key itself. */
  readonly resource?: readonly Segment[];
  /** Matched against `Principal`; undefined for identity policies. */
  readonly principal?: PrincipalQuery;
  /** The conditions under which the asking action exists. */
  readonly holds: Conditions;
}

const NO_CONDITIONS: Conditions = new Map();

export function readPolicyDocument(field: Field, model: DocumentModel, attached: Tri, conditions: Conditions): PolicyDocument {
  const statements: PolicyStatement[] = [];
  const statementNode = get(field.node, 'Statement');
  let partial = !isMap(field.node) || statementNode === undefined;
  const visit = (node: Node, path: Path, held: Conditions): void => {
    if (intrinsicName(node) === 'Fn::If' && isMap(node)) {
      const args = node.entries[0].value;
      if (!isSeq(args) || args.items.length !== 3) {
        partial = true;
        return;
      }
      const condition = scalarText(args.items[0]) ?? '';
      [true, false].forEach((holds, index) => {
        const merged = mergeConditions(held, new Map([[condition, holds]]));
        if (merged) visit(args.items[index + 1], [...path, 'Fn::If', index + 1], merged);
      });
    } else if (intrinsicName(node) === 'Ref' && scalarText(get(node, 'Ref')) === 'AWS::NoValue') {
      // A statement left out in this branch.
    } else if (isMap(node) && intrinsicName(node) === undefined) {
      statements.push(readStatement({ node, path }, held, model));
    } else {
      partial = true;
    }
  };
  const statementPath = [...field.path, 'Statement'];
  if (isSeq(statementNode)) statementNode.items.forEach((item, index) => visit(item, [...statementPath, index], NO_CONDITIONS));
  else if (statementNode) visit(statementNode, statementPath, NO_CONDITIONS);
  return { field, statements, partial, attached, conditions };
}

function readStatement(field: Field<MapNode>, conditions: Conditions, model: DocumentModel): PolicyStatement {
  const node = field.node;
  const values = (key: string): Values | undefined => {
    const value = get(node, key);
    if (value === undefined) return undefined;
    const items = isSeq(value) ? value.items : [value];
    return items.flatMap((item) => evaluateString(item, model.scope));
  };
  const principal = get(node, 'Principal');
  let principals: Values | undefined;
  if (principal !== undefined) principals = isMap(principal) && intrinsicName(principal) === undefined ? valuesOf(get(principal, 'AWS'), model) : valuesOf(principal, model);
  return {
    field, conditions,
    effect: scalarText(get(node, 'Effect')),
    actions: values('Action'), notActions: values('NotAction'),
    resources: values('Resource'), notResources: values('NotResource'),
    principals, notPrincipal: get(node, 'NotPrincipal') !== undefined,
    conditional: get(node, 'Condition') !== undefined,
  };
}

function valuesOf(value: Node | undefined, model: DocumentModel): Values {
  if (value === undefined) return [];
  const items = isSeq(value) ? value.items : [value];
  return items.flatMap((item) => evaluateString(item, model.scope));
}

/** Whether the documents grant the query. A grant that depends on other `Fn::If` conditions, or on a `Condition` block, is unknown, never no. */
export function allows(documents: readonly PolicyDocument[], query: GrantQuery, model: DocumentModel): Tri {
  return or3(documents.map((document) => {
    const exists = and3(document.attached, conditionsHold(document.conditions, query.holds));
    const granted = or3(document.statements.map((statement) => statementAllows(statement, query, model)));
    const result = and3(exists, granted);
    return result === 'no' && document.partial && exists !== 'no' ? 'unknown' : result;
  }));
}

function statementAllows(statement: PolicyStatement, query: GrantQuery, model: DocumentModel): Tri {
  if (statement.effect !== 'Allow') return statement.effect === undefined ? 'unknown' : 'no';
  // Cheapest first: most statements are about other actions, and then nothing else is looked at.
  const checks: (() => Tri)[] = [
    () => conditionsHold(statement.conditions, query.holds),
    () => listed(statement.actions, statement.notActions, query.holds, (parts) => actionMatches(parts, query.action)),
    () => (query.resource ? listed(statement.resources, statement.notResources, query.holds, (parts) => matchSegments(canonical(parts, model), query.resource ?? [])) : 'yes'),
    () => (query.principal ? principalAllowed(statement, query.principal, query.holds, model) : 'yes'),
  ];
  let result: Tri = 'yes';
  for (const check of checks) {
    result = and3(result, check());
    if (result === 'no') return 'no';
  }
  return result === 'yes' && statement.conditional ? 'unknown' : result;
}

/** Whether a statement's `Action` (or `NotAction`) covers an action, whatever else it says. */
export function coversAction(statement: PolicyStatement, action: string): Tri {
  return listed(statement.actions, statement.notActions, NO_CONDITIONS, (parts) => actionMatches(parts, action));
}

/** A field and its `Not…` twin: the query is covered when a listed value matches (or, for `Not…`, when none does). */
function listed(values: Values | undefined, notValues: Values | undefined, holds: Conditions, matches: (parts: readonly Part[]) => Tri): Tri {
  if (values) return anyValue(values, holds, matches);
  if (notValues) {
    const excluded = anyValue(notValues, holds, matches);
    return excluded === 'yes' ? 'no' : excluded === 'no' ? 'yes' : 'unknown';
  }
  return 'unknown';
}

function anyValue(values: Values, holds: Conditions, matches: (parts: readonly Part[]) => Tri): Tri {
  return or3(values.map((alternative) => (alternative.value ? and3(conditionsHold(alternative.conditions, holds), matches(alternative.value)) : 'no')));
}

function principalAllowed(statement: PolicyStatement, principal: PrincipalQuery, holds: Conditions, model: DocumentModel): Tri {
  if (statement.notPrincipal) return 'unknown';
  if (!statement.principals) return 'unknown';
  return anyValue(statement.principals, holds, (parts) => principalMatches(parts, principal, model));
}

/** `*`, an account (its id, `${Param}` or its root ARN) or an ARN pattern, against the asking principal. */
function principalMatches(parts: readonly Part[], principal: PrincipalQuery, model: DocumentModel): Tri {
  const account = principalAccount(parts);
  if (account) return fromComparison(compare(account, principal.account, model.pipelineAccountId));
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'text' && only.text === '*') return 'yes';
  return matchSegments(canonical(parts, model), principal.arn);
}

const ACCOUNT_ID = /^\d{12}$/;

/** The account a principal value names as a whole (`123456789012`, `${Param}`, `${AWS::AccountId}`, `arn:…:root`). */
export function principalAccount(parts: readonly Part[]): Resolved | undefined {
  if (parts.length === 1) {
    const only = parts[0];
    if (only.kind === 'text' && ACCOUNT_ID.test(only.text)) return { kind: 'literal', value: only.text };
    if (only.kind === 'pseudo' && only.name === 'AWS::AccountId') return { kind: 'pipeline' };
    if (only.kind === 'param') {
      if (only.value === undefined) return { kind: 'param', name: only.name };
      if (ACCOUNT_ID.test(only.value)) return { kind: 'literal', value: only.value, param: only.name };
    }
  }
  const arn = analyseArn(parts);
  return arn.isArn === true && arn.service === 'iam' && arn.resource === 'root' ? arn.account : undefined;
}

function actionMatches(parts: readonly Part[], action: string): Tri {
  const pattern = parts.length === 1 && parts[0].kind === 'text' ? parts[0].text : undefined;
  if (pattern === undefined) return 'unknown';
  // Action names are case-insensitive. A family asked for (`kms:ReEncrypt*`) is granted by a pattern
  // that covers all of it; a pattern naming one of its members leaves the answer open.
  const family = action.endsWith('*');
  const asked: Segment[] = [{ kind: 'text', text: (family ? action.slice(0, -1) : action).toLowerCase() }];
  return matchSegments([{ kind: 'text', text: pattern.toLowerCase() }], family ? [...asked, { kind: 'opaque', word: false }] : asked);
}

/** Whether a statement or value that exists under `required` applies when `holds` is known to hold. */
function conditionsHold(required: Conditions, holds: Conditions): Tri {
  let result: Tri = 'yes';
  for (const [name, value] of required) {
    const held = holds.get(name);
    if (held === undefined) result = 'unknown';
    else if (held !== value) return 'no';
  }
  return result;
}

/** A resource's own `Condition`: it exists only when that condition holds. */
export function resourceConditions(resource: ResourceModel | undefined): Conditions {
  const name = scalarText(get(resource?.node, 'Condition'));
  return name ? new Map([[name, true]]) : NO_CONDITIONS;
}

/** The `KeyPolicy` of a key declared in the template. */
export function keyPolicy(key: ResourceModel, model: DocumentModel): PolicyDocument | undefined {
  return keyPolicies(model, key);
}

const keyPolicies = perModelObject((model: DocumentModel, key: ResourceModel): PolicyDocument | undefined => {
  const entry = key.properties ? getEntry(key.properties, 'KeyPolicy') : undefined;
  if (!entry) return undefined;
  return readPolicyDocument({ node: entry.value, path: [...key.path, 'Properties', 'KeyPolicy'] }, model, 'yes', resourceConditions(key));
});

/** The documents that grant a role its permissions: inline, and attached by `Roles` or `ManagedPolicyArns`. */
export interface RolePolicies {
  readonly documents: readonly PolicyDocument[];
  /** False when some policy attached to the role is not in the template (a managed policy from elsewhere). */
  readonly complete: boolean;
}

export function rolePolicies(role: ResourceModel, model: DocumentModel): RolePolicies {
  return policiesOfRole(model, role);
}

const policiesOfRole = perModelObject((model: DocumentModel, role: ResourceModel): RolePolicies => {
  const documents: PolicyDocument[] = [];
  const roleConditions = resourceConditions(role);
  const inline = get(role.properties, 'Policies');
  let complete = inline === undefined || isSeq(inline);
  if (isSeq(inline)) {
    inline.items.forEach((item, index) => {
      const document = get(item, 'PolicyDocument');
      if (document) documents.push(readPolicyDocument({ node: document, path: [...role.path, 'Properties', 'Policies', index, 'PolicyDocument'] }, model, 'yes', roleConditions));
      else complete = false;
    });
  }
  const attachedByArn = new Set<string>();
  const managed = get(role.properties, 'ManagedPolicyArns');
  if (managed !== undefined) {
    for (const alternative of valuesOf(managed, model)) {
      const only = alternative.value?.length === 1 ? alternative.value[0] : undefined;
      if (only?.kind === 'resource' && only.type === 'AWS::IAM::ManagedPolicy' && only.attribute === undefined) attachedByArn.add(only.logicalId);
      else if (alternative.value) complete = false;
    }
  }
  const roleName = canonical([{ kind: 'resource', logicalId: role.logicalId, attribute: undefined, type: role.type }], model);
  for (const policy of model.typed.policies) {
    const attached = attachedByArn.has(policy.logicalId) ? 'yes' : or3(valuesOf(get(policy.properties, 'Roles'), model).map((alternative) =>
      (alternative.value ? and3(conditionsHold(alternative.conditions, roleConditions), roleNamed(alternative.value, role, roleName, model)) : 'no')));
    const document = get(policy.properties, 'PolicyDocument');
    if (attached === 'no' || !document) continue;
    documents.push(readPolicyDocument({ node: document, path: [...policy.path, 'Properties', 'PolicyDocument'] }, model, attached, resourceConditions(policy)));
  }
  return { documents, complete };
});

function roleNamed(parts: readonly Part[], role: ResourceModel, roleName: readonly Segment[], model: DocumentModel): Tri {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'resource') return only.logicalId === role.logicalId ? 'yes' : 'no';
  return matchSegments(canonical(parts, model), roleName, false);
}

/** The `AWS::IAM::Role` of this template that an ARN expression names, when it certainly names one. */
export function templateRole(parts: readonly Part[], model: DocumentModel): ResourceModel | undefined {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'resource') return only.type === 'AWS::IAM::Role' && only.attribute === 'Arn' ? model.resources.get(only.logicalId) : undefined;
  const arn = canonical(parts, model);
  return model.typed.roles.find((role) => matchSegments(arn, roleArnOf(role, model), false) === 'yes');
}

function roleArnOf(role: ResourceModel, model: DocumentModel): Segment[] {
  return roleArns(model, role);
}

const roleArns = perModelObject((model: DocumentModel, role: ResourceModel): Segment[] =>
  canonical([{ kind: 'resource', logicalId: role.logicalId, attribute: 'Arn', type: role.type }], model));

/**
 * A role of this template with the same path and name as the ARN, whatever its account: a
 * template that declares the target account's roles next to the pipeline (the shape of the
 * seed answer) describes those roles, so their policies can be checked.
 */
export function roleDeclaredByName(parts: readonly Part[], model: DocumentModel): ResourceModel | undefined {
  const resource = analyseArn(parts).isArn === true ? roleResourceOf(canonical(parts, model)) : undefined;
  if (!resource) return undefined;
  return model.typed.roles.find((role) => matchSegments(roleResourceOf(roleArnOf(role, model)) ?? [], resource, false) === 'yes');
}

/** The `role/path/name` part of a role ARN in comparable form. */
function roleResourceOf(arn: readonly Segment[]): Segment[] | undefined {
  const index = arn.findIndex((segment) => segment.kind === 'text' && segment.text.includes(':role/'));
  const segment = arn[index];
  if (segment?.kind !== 'text') return undefined;
  return [{ kind: 'text', text: segment.text.slice(segment.text.indexOf(':role/') + 1) }, ...arn.slice(index + 1)];
}

export function principalOf(parts: readonly Part[], model: DocumentModel): PrincipalQuery {
  return { arn: canonical(parts, model), account: analyseArn(parts).account };
}

/** The comparable form of a node, or opaque when it has several `Fn::If` values. */
export function comparable(node: Node | undefined, model: DocumentModel): Segment[] {
  return canonicalNode(node, model) ?? [{ kind: 'opaque', word: false }];
}
