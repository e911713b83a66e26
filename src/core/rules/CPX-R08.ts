import type { Rule } from '../engine/types';
import { actionLabel, actions, configField } from './support';
import { anyStatement, inRoleFile, linkedRoles, roleFix, servicePrincipals, trustIntents, trustPolicy } from './linked-roles';

const CLOUDFORMATION = 'cloudformation.amazonaws.com';

export const rule: Rule = {
  meta: {
    id: 'CPX-R08',
    title: "The CloudFormation role does not trust cloudformation.amazonaws.com",
    severity: 'warning',
    description: 'CloudFormation assumes the role named in Configuration.RoleArn, so its trust policy must allow the service cloudformation.amazonaws.com; checked where the role is defined in a template in view.',
    messages: {
      untrusted: "The CloudFormation role '{role}' of '{action}' must trust cloudformation.amazonaws.com; its trust policy does not let the service assume it.",
    },
    fixable: true,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const field = action.provider === 'CloudFormation' ? configField(action, 'RoleArn') : undefined;
      for (const linked of linkedRoles(context, field)) {
        const trust = trustPolicy(linked);
        if (!field || !trust) continue;
        const trusted = anyStatement(trust, 'sts:AssumeRole', (statement) => {
          const { texts, computed } = servicePrincipals(statement);
          // `Principal: '*'` lets anyone assume the role, the service too.
          const anyone = statement.principals?.some((value) => value.value?.length === 1 && value.value[0].kind === 'text' && value.value[0].text === '*');
          return texts.includes(CLOUDFORMATION) ? 'yes' : computed || anyone || statement.notPrincipal ? 'unknown' : 'no';
        });
        if (trusted !== 'no') continue;
        context.report({
          messageId: 'untrusted',
          data: { role: linked.definition.role.logicalId, action: actionLabel(action) },
          target: { field },
          related: [{ target: inRoleFile(linked, trust.field.node, trust.field.path), message: 'The trust policy of the CloudFormation role.' }],
          fixes: roleFix(linked.definition, 'Trust cloudformation.amazonaws.com', trustIntents(trust, ['Service', { kind: 'text', text: CLOUDFORMATION }])),
        });
        break;
      }
    }
  },
};
