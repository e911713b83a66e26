import type { Rule } from '../engine/types';
import { isScalar } from '../source';
import { isCloudFormationDeploy } from '../model/roles';
import { ACTION_MODES, configTarget, textOf, type ActionMode } from './cloudformation';
import { actionLabel, actions, configField } from './support';

/** Modes by their letters alone, so `create-update` or `ChangeSetReplace` find their spelling. */
const BY_LETTERS: ReadonlyMap<string, ActionMode> = new Map(ACTION_MODES.map((mode) => [lettersOf(mode), mode]));

function lettersOf(text: string): string {
  return text.toUpperCase().replace(/[^A-Z]/g, '');
}

export const rule: Rule = {
  meta: {
    id: 'CPX-C01',
    title: 'ActionMode missing or invalid',
    severity: 'error',
    description: 'A CloudFormation deploy action needs an ActionMode, one of CHANGE_SET_EXECUTE, CHANGE_SET_REPLACE, CREATE_UPDATE, DELETE_ONLY or REPLACE_ON_FAILURE.',
    messages: {
      missing: "Action '{action}' has no Configuration.ActionMode. It is required; valid values: " + ACTION_MODES.join(', ') + '.',
      missingInBranch: "In some Fn::If branches, action '{action}' has no ActionMode, which CloudFormation actions require.",
      invalid: "'{value}' is not an ActionMode. Valid values: " + ACTION_MODES.join(', ') + '.',
      misspelt: "'{value}' is not an ActionMode; did you mean {mode}? Modes are upper case with underscores.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const field = configField(action, 'ActionMode');
      if (!field) {
        context.report({ messageId: 'missing', data: { action: actionLabel(action) }, target: configTarget(model, action, undefined) });
        continue;
      }
      const alternatives = context.values(field);
      if (alternatives.some((alternative) => alternative.value === undefined)) {
        context.report({ messageId: 'missingInBranch', severity: 'warning', data: { action: actionLabel(action) }, target: { field } });
      }
      const reported = new Set<string>();
      for (const alternative of alternatives) {
        const value = textOf(alternative);
        if (value === undefined || (ACTION_MODES as readonly string[]).includes(value) || reported.has(value)) continue;
        reported.add(value);
        const mode = BY_LETTERS.get(lettersOf(value));
        context.report({
          messageId: mode ? 'misspelt' : 'invalid',
          data: { value, mode: mode ?? '' },
          target: { field },
          fixes: mode && isScalar(field.node) ? [{
            title: `Change to ${mode}`,
            preferred: true,
            intents: [{ kind: 'replace', target: field, value: { kind: 'text', text: mode }, styleFrom: field.node }],
          }] : [],
        });
      }
    }
  },
};
