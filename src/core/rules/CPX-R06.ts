import type { RelatedDescriptor, Rule, RuleContext } from '../engine/types';
import { or3 } from '../model/canonical';
import { parameterValue } from '../model/evaluate';
import { describe } from '../model/resolved';
import type { FixValue } from '../fixes/intents';
import { actionLabel, actions } from './support';
import { anyStatement, inRoleFile, linkedRoles, principalIsPipeline, roleFix, servicePrincipals, trustIntents, trustPolicy, type LinkedRole } from './linked-roles';

const CODEPIPELINE = 'codepipeline.amazonaws.com';

export const rule: Rule = {
  meta: {
    id: 'CPX-R06',
    title: 'Action role does not trust the pipeline account',
    severity: 'error',
    description: 'The pipeline role assumes the action role, so the action role must trust the pipeline account or the pipeline role; checked where the action role is defined in a template in view.',
    messages: {
      untrusted: "Action role '{role}' of '{action}' must trust the pipeline account {account} (or the pipeline role); its trust policy allows neither to sts:AssumeRole it.",
      service: "Action role '{role}' of '{action}' must trust the pipeline account {account} (or the pipeline role), not the service codepipeline.amazonaws.com: the pipeline role assumes this role, not the service.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action, pipeline] of actions(model)) {
      if (!action.roleArn) continue;
      const pipelineRole = pipeline.roleArn && context.values(pipeline.roleArn);
      const pipelineRoleParts = pipelineRole?.length === 1 ? pipelineRole[0].value : undefined;
      for (const linked of linkedRoles(context, action.roleArn)) {
        const trust = trustPolicy(linked);
        if (!trust) continue;
        const trusted = anyStatement(trust, 'sts:AssumeRole', (statement) => {
          if (statement.notPrincipal || !statement.principals) return 'unknown';
          return or3(statement.principals.map((value) => (value.value ? principalIsPipeline(context, linked, value.value, pipelineRoleParts) : 'no')));
        });
        if (trusted !== 'no') continue;
        const serviceStatement = trust.statements.find((statement) => servicePrincipals(statement).texts.includes(CODEPIPELINE));
        const service = serviceStatement && servicePrincipals(serviceStatement).node;
        const related: RelatedDescriptor[] = [{ target: inRoleFile(linked, trust.field.node, trust.field.path), message: 'The trust policy of the action role.' }];
        if (serviceStatement && service) related.push({ target: inRoleFile(linked, service, [...serviceStatement.field.path, 'Principal', 'Service']), message: 'The pipeline role assumes the action role; this service principal does not let it.' });
        const root = pipelineRoot(context, linked);
        context.report({
          messageId: service ? 'service' : 'untrusted',
          data: { role: linked.definition.role.logicalId, action: actionLabel(action), account: model.pipelineAccountId ?? describe({ kind: 'pipeline' }, 'account') },
          target: { field: action.roleArn },
          related,
          fixes: roleFix(linked.definition, 'Trust the pipeline account', root ? trustIntents(trust, ['AWS', root]) : []),
        });
        break;
      }
    }
  },
};

/**
 * How templates of the other accounts name the pipeline's account: §4.6's `PipelineAccountId`,
 * the reference architecture's `ToolsAccount`, and the like.
 */
const PIPELINE_ACCOUNT_PARAMETER = /^(pipeline|tools?|tooling|ci|cicd|build|deployment|sharedservices)(account|acct)(id|number)?$/i;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * The pipeline account's root as the role's template can write it: through a parameter of that
 * template that names the pipeline account (by its name, or by a value equal to the pipeline's
 * account), else the pipeline's account id; nothing when neither is known.
 */
function pipelineRoot(context: RuleContext, linked: LinkedRole): FixValue | undefined {
  const known = context.model.pipelineAccountId;
  const { scope } = linked.definition.model;
  const parameters = [...scope.parameters.values()].map((parameter) => ({ name: parameter.name, value: parameterValue(scope, parameter.name) }));
  // A parameter whose value is another account is not the pipeline's, whatever its name.
  const candidates = parameters.filter(({ value }) => !(known && value && ACCOUNT_ID.test(value) && value !== known));
  const parameter = candidates.find(({ name }) => PIPELINE_ACCOUNT_PARAMETER.test(name)) ?? (known ? candidates.find(({ value }) => value === known) : undefined);
  const account = parameter ? `\${${parameter.name}}` : known;
  return account ? { kind: 'sub', template: `arn:\${AWS::Partition}:iam::${account}:root` } : undefined;
}
