import type { Rule } from '../engine/types';
import { get, getEntry, isSeq, type Node } from '../source';
import { canonical } from '../model/canonical';
import { evaluateString, mergeConditions, type Part } from '../model/evaluate';
import {
  allows, coversAction, principalOf, readPolicyDocument, resourceConditions, rolePolicies, templateRole, type RolePolicies,
} from '../model/policy';
import type { DocumentModel, ResourceModel } from '../model/types';
import type { FixIntent, FixValue } from '../fixes/intents';
import { grantToRole } from './grants';
import { actionLabel, actions, partsValue } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-R05',
    title: 'Pipeline role cannot assume the action role',
    severity: 'error',
    description: 'CodePipeline assumes every action role through the pipeline role, and checks when the pipeline is created or updated that the pipeline role may do so.',
    messages: {
      missing: "Pipeline role '{pipelineRole}' has no sts:AssumeRole permission on the action role of '{action}'. CodePipeline rejects the pipeline: 'Pipeline role ... is not authorized to perform AssumeRole on action role ...'.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of model.pipelines) {
      const [pipelineRoleValue, ...others] = evaluateString(pipeline.roleArn?.node, model.scope);
      const role = !others.length && pipelineRoleValue?.value ? templateRole(pipelineRoleValue.value, model) : undefined;
      const policies = role && rolePolicies(role, model);
      // Only a pipeline role whose policies are all in view can be shown to lack the permission.
      if (!role || !policies?.complete || !pipelineRoleValue?.value) continue;
      const base = resourceConditions(pipeline.logicalId ? model.resources.get(pipeline.logicalId) : undefined);
      // Many actions name the same role the same way: decide once per written expression.
      const decided = new Map<string, ReturnType<typeof evaluateString>[number] | undefined>();
      for (const [action, owner] of actions(model)) {
        const exists = mergeConditions(base, action.conditions);
        if (owner !== pipeline || !action.roleArn || !exists) continue;
        const written = exists.size === 0 ? model.source.text.slice(action.roleArn.node.start, action.roleArn.node.end) : undefined;
        const missing = written !== undefined && decided.has(written) ? decided.get(written) : evaluateString(action.roleArn.node, model.scope).find((alternative) => {
          const holds = mergeConditions(exists, alternative.conditions);
          if (!alternative.value || !holds) return false;
          const resource = canonical(alternative.value, model);
          return allows(policies.documents, { action: 'sts:AssumeRole', resource, holds }, model) === 'no'
            && !trustsPipelineRole(model, alternative.value, pipelineRoleValue.value ?? []);
        });
        if (written !== undefined) decided.set(written, missing);
        if (!missing?.value) continue;
        const value = partsValue(model, missing.value);
        const intents = value ? grantAssumeRole(role, policies, value, action.roleArn.node) : [];
        context.report({
          messageId: 'missing',
          data: { pipelineRole: role.logicalId, action: actionLabel(action) },
          target: { field: action.roleArn },
          related: pipeline.roleArn ? [{ target: { field: pipeline.roleArn }, message: 'The pipeline role, whose policies must allow sts:AssumeRole on the action role.' }] : [],
          fixes: intents.length > 0 ? [{ title: 'Allow the pipeline role to assume the action role', preferred: true, intents }] : [],
        });
      }
    }
  },
};

/**
 * Within one account, a role whose trust policy names the pipeline role can be assumed without
 * a permission in the pipeline role's own policy; such an action role is left alone.
 */
function trustsPipelineRole(model: DocumentModel, actionRole: readonly Part[], pipelineRole: readonly Part[]): boolean {
  const local = templateRole(actionRole, model);
  const trust = local && get(local.properties, 'AssumeRolePolicyDocument');
  if (!local || !trust) return false;
  const document = readPolicyDocument({ node: trust, path: [...local.path, 'Properties', 'AssumeRolePolicyDocument'] }, model, 'yes', resourceConditions(local));
  return allows([document], { action: 'sts:AssumeRole', principal: principalOf(pipelineRole, model), holds: new Map() }, model) !== 'no';
}

/** Adds the action role to an `sts:AssumeRole` statement's resources, or a new statement, or a new inline policy. */
function grantAssumeRole(role: ResourceModel, policies: RolePolicies, value: FixValue, styleFrom: Node): FixIntent[] {
  const attached = policies.documents.filter((document) => document.attached === 'yes');
  for (const document of attached) {
    for (const statement of document.statements) {
      const resource = getEntry(statement.field.node, 'Resource');
      if (statement.effect !== 'Allow' || statement.conditional || coversAction(statement, 'sts:AssumeRole') !== 'yes' || !resource || !isSeq(resource.value)) continue;
      return [{ kind: 'append-item', seq: { node: resource.value, path: [...statement.field.path, 'Resource'] }, value, styleFrom }];
    }
  }
  const statement: FixValue = {
    kind: 'mapping',
    entries: [['Effect', { kind: 'text', text: 'Allow' }], ['Action', { kind: 'text', text: 'sts:AssumeRole' }], ['Resource', value]],
  };
  return grantToRole(role, policies, [statement], 'assume-action-roles', styleFrom);
}
