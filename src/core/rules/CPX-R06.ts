import type { RelatedDescriptor, Rule } from '../engine/types';
import { or3 } from '../model/canonical';
import { describe } from '../model/resolved';
import { actionLabel, actions } from './support';
import { anyStatement, inRoleFile, linkedRoles, principalIsPipeline, servicePrincipals, trustPolicy } from './linked-roles';

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
    fixable: false,
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
        context.report({
          messageId: service ? 'service' : 'untrusted',
          data: { role: linked.definition.role.logicalId, action: actionLabel(action), account: model.pipelineAccountId ?? describe({ kind: 'pipeline' }, 'account') },
          target: { field: action.roleArn },
          related,
        });
        break;
      }
    }
  },
};
