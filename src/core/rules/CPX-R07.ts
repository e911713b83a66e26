import type { Rule, RuleContext } from '../engine/types';
import { and3, fromComparison, matchSegments, or3, type Tri } from '../model/canonical';
import { analyseArn, type ArnInfo, type Part } from '../model/evaluate';
import { rolePolicies, type PolicyStatement } from '../model/policy';
import { roleKeyOfResource } from '../model/role-keys';
import type { FixValue } from '../fixes/intents';
import { grantToRole } from './grants';
import { actionLabel, actions, configField, partsValue, roleNameOf } from './support';
import { anyStatement, inPipelineTerms, inRoleFile, linkedRole, linkedRoles, roleFix, type LinkedRole } from './linked-roles';

export const rule: Rule = {
  meta: {
    id: 'CPX-R07',
    title: 'Action role lacks iam:PassRole on the CloudFormation role',
    severity: 'error',
    description: 'The action role hands the CloudFormation role to CloudFormation, which needs iam:PassRole on it; checked where the action role and all its policies are in a template in view.',
    messages: {
      missing: "Action role '{role}' of '{action}' must be allowed iam:PassRole on the CloudFormation role '{arn}'; none of its policies allows it.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const cloudFormationRole = action.provider === 'CloudFormation' ? configField(action, 'RoleArn') : undefined;
      if (!action.roleArn || !cloudFormationRole) continue;
      const passed = context.values(cloudFormationRole).flatMap((alternative) => {
        const info = alternative.value && analyseArn(alternative.value);
        return alternative.value && info?.isArn === true && info.resource?.startsWith('role/') ? [{ parts: alternative.value, info }] : [];
      });
      for (const linked of linkedRoles(context, action.roleArn)) {
        const policies = rolePolicies(linked.definition.role, linked.definition.model);
        // A managed policy from elsewhere may grant it.
        if (!policies.complete) continue;
        const denied = passed.find((target) => or3(policies.documents.map((document) => and3(
          document.attached, document.conditions.size > 0 ? 'unknown' : 'yes',
          anyStatement(document, 'iam:PassRole', (statement) => coversResource(context, linked, statement, target.info)),
        ))) === 'no');
        if (!denied) continue;
        const { role, model: roleModel } = linked.definition;
        const resource = passedRoleValue(context, linked, denied.parts, denied.info);
        const statement: FixValue | undefined = resource && {
          kind: 'mapping',
          entries: [['Effect', { kind: 'text', text: 'Allow' }], ['Action', { kind: 'text', text: 'iam:PassRole' }], ['Resource', resource]],
        };
        // Quoting follows the pipeline's own expression only where it is written into the same file.
        const styleFrom = roleModel === model ? cloudFormationRole.node : undefined;
        context.report({
          messageId: 'missing',
          data: { role: role.logicalId, action: actionLabel(action), arn: model.source.text.slice(cloudFormationRole.node.start, cloudFormationRole.node.end) },
          target: { field: cloudFormationRole },
          related: [{ target: inRoleFile(linked, role.node, role.path), message: 'The action role, whose policies must allow iam:PassRole on the CloudFormation role.' }],
          fixes: roleFix(linked.definition, 'Allow iam:PassRole on the CloudFormation role', statement ? grantToRole(role, policies, [statement], 'pass-cloudformation-role', styleFrom) : []),
        });
        break;
      }
    }
  },
};

/**
 * The CloudFormation role's ARN as the action role's template can write it: `Fn::GetAtt` when that
 * template defines it too, the pipeline's own expression when the action role is in the pipeline's
 * file, else its path and name in the action role's account (CPX-R02 reports other accounts).
 */
function passedRoleValue(context: RuleContext, linked: LinkedRole, parts: readonly Part[], info: ArnInfo): FixValue | undefined {
  const passed = linkedRole(context, parts);
  const { model } = linked.definition;
  if (passed?.definition.model === model) return { kind: 'getAtt', logicalId: passed.definition.role.logicalId, attribute: 'Arn' };
  if (model === context.model) return partsValue(model, parts);
  const name = roleNameOf(info);
  if (!name || context.compareAccounts(linked.account, info.account) !== 'same') return undefined;
  return { kind: 'sub', template: `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${name}` };
}

function coversResource(context: RuleContext, linked: LinkedRole, statement: PolicyStatement, target: ArnInfo): Tri {
  if (!statement.resources) return 'unknown';
  return or3(statement.resources.map((alternative) => {
    if (!alternative.value) return 'no';
    const answer = resourceMatches(context, linked, alternative.value, target);
    return answer === 'yes' && alternative.conditions.size > 0 ? 'unknown' : answer;
  }));
}

/** A `Resource` value (a role ARN pattern, written in the role's template) against the CloudFormation role's ARN. */
function resourceMatches(context: RuleContext, linked: LinkedRole, parts: readonly Part[], target: ArnInfo): Tri {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'text' && only.text === '*') return 'yes';
  if (only?.kind === 'resource') {
    // `!GetAtt SomeRole.Arn` in the role's template: a role of that stack, by its name.
    const { model } = linked.definition;
    const role = only.attribute === 'Arn' ? model.resources.get(only.logicalId) : undefined;
    const key = role && roleKeyOfResource(role, model);
    if (!key || target.resource === undefined) return 'unknown';
    return and3(key === target.resource ? 'yes' : 'no', fromComparison(context.compareAccounts(linked.account, target.account)));
  }
  const info = analyseArn(parts);
  if (info.isArn !== true) return info.isArn === false ? 'no' : 'unknown';
  if (info.service !== undefined && info.service !== 'iam') return 'no';
  if (info.resource === undefined || target.resource === undefined) return 'unknown';
  const name = matchSegments([{ kind: 'text', text: info.resource }], [{ kind: 'text', text: target.resource }]);
  const accountPattern = info.accountParts.length === 1 ? info.accountParts[0] : undefined;
  const account = accountPattern?.kind === 'text' && accountPattern.text === '*'
    ? 'yes' : fromComparison(context.compareAccounts(inPipelineTerms(context, linked, info.account), target.account));
  return and3(name, account);
}
