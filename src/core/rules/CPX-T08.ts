import type { Rule } from '../engine/types';
import { keyFor } from '../model/types';
import { structureField } from './structure';
import { actionLabel, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-T08',
    title: 'Commands or output files on an action that is not a compute action',
    severity: 'error',
    description: 'Commands, and Files on an output artifact, are only for actions of category Compute.',
    messages: {
      commands: "Action '{action}' is not a compute action, so it cannot have {what}; use a Compute action (provider Commands).",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (action.category === 'Compute' || action.category === undefined) continue;
      const commands = structureField(model, action, 'Commands');
      if (commands) context.report({ messageId: 'commands', data: { action: actionLabel(action), what: 'Commands' }, target: { field: commands, part: 'key' } });
      for (const output of action.outputArtifacts) {
        if (output.field.node.kind !== 'map') continue;
        const files = structureField(model, { node: output.field.node, path: output.field.path }, 'Files');
        if (files) context.report({ messageId: 'commands', data: { action: actionLabel(action), what: `${keyFor(model.dialect, 'Files')} on an output artifact` }, target: { field: files, part: 'key' } });
      }
    }
  },
};
