import type { Rule } from '../engine/types';
import { isScalar } from '../source';
import type { FixDescriptor } from '../fixes/intents';
import { ignoredInEveryMode, textOf } from './cloudformation';
import { artifactPathFields, inputNames, splitArtifactPath } from './artifacts';
import { actionLabel, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-A02',
    title: 'Template artifact is not an input of the action',
    severity: 'error',
    description: 'The artifact named before :: in TemplatePath, TemplateConfiguration and the StackSet file paths must be one of the action’s input artifacts.',
    messages: {
      notInput: "{key} reads artifact '{artifact}', which is not an input artifact of action '{action}' (inputs: {inputs}).",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const fields = artifactPathFields(action);
      const inputs = fields.length > 0 ? inputNames(model, action) : undefined;
      if (!inputs) continue;
      for (const { key, field } of fields) {
        // A property the mode ignores (CPX-C04) reads no artifact.
        if (ignoredInEveryMode(context, action, key)) continue;
        for (const alternative of context.values(field)) {
          const path = splitArtifactPath(textOf(alternative) ?? '');
          if (!path || inputs.has(path.artifact)) continue;
          // Rewriting the prefix is mechanical; which input to use is certain only when there is one.
          const fixes: FixDescriptor[] = isScalar(field.node) ? [...inputs].map((input) => ({
            title: `Read the template from input artifact ${input}`,
            preferred: inputs.size === 1,
            intents: [{ kind: 'replace', target: field, value: { kind: 'text', text: `${input}::${path.file}` }, styleFrom: field.node }],
          })) : [];
          context.report({
            messageId: 'notInput',
            data: { key, artifact: path.artifact, action: actionLabel(action), inputs: inputs.size > 0 ? [...inputs].join(', ') : 'none' },
            target: { field },
            fixes,
          });
          break;
        }
      }
    }
  },
};
