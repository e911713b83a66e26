import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { ignoredInEveryMode, textOf } from './cloudformation';
import { artifactReads, inputNames } from './artifacts';
import { actionLabel, actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-A04',
    title: 'ParameterOverrides reads an artifact that is not an input',
    severity: 'error',
    description: 'Fn::GetParam and Fn::GetArtifactAtt in ParameterOverrides can only read the action’s input artifacts.',
    messages: {
      notInput: "ParameterOverrides reads artifact '{artifact}' with {function}, but it is not an input artifact of action '{action}'; add it to InputArtifacts.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const field = configField(action, 'ParameterOverrides');
      const used = field && isCloudFormationDeploy(action) && !ignoredInEveryMode(context, action, 'ParameterOverrides');
      const inputs = used ? inputNames(model, action) : undefined;
      if (!field || !inputs) continue;
      const reported = new Set<string>();
      for (const alternative of context.values(field)) {
        for (const { name, artifact } of artifactReads(textOf(alternative))) {
          if (inputs.has(artifact) || reported.has(artifact)) continue;
          reported.add(artifact);
          context.report({ messageId: 'notInput', data: { artifact, function: name, action: actionLabel(action) }, target: { field } });
        }
      }
    }
  },
};
