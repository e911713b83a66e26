import type { Rule } from '../engine/types';
import { get, isMap } from '../source';
import { isCloudFormationDeploy } from '../model/roles';
import { textOf } from './cloudformation';
import { actionLabel, actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C09',
    title: 'ParameterOverrides names a parameter the template does not declare',
    severity: 'warning',
    description: 'Every parameter named in ParameterOverrides must be declared in the Parameters of the template the action deploys.',
    messages: {
      undeclared: "ParameterOverrides sets '{name}', but the template that action '{action}' deploys declares no such parameter; CloudFormation rejects unknown parameters.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const field = configField(action, 'ParameterOverrides');
      if (!field || !isCloudFormationDeploy(action)) continue;
      const template = context.deployedTemplate(action);
      const declared = get(template?.source.root, 'Parameters');
      if (!template) continue;
      const names = new Set<string>();
      for (const alternative of context.values(field)) {
        for (const name of overriddenNames(textOf(alternative))) if (!isMap(declared) || get(declared, name) === undefined) names.add(name);
      }
      for (const name of names) context.report({ messageId: 'undeclared', data: { name, action: actionLabel(action) }, target: { field } });
    }
  },
};

function overriddenNames(json: string | undefined): string[] {
  if (json === undefined) return [];
  try {
    const data: unknown = JSON.parse(json);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? Object.keys(data) : [];
  } catch {
    return [];
  }
}
