import type { Rule } from '../engine/types';
import { implies, mergeConditions, type Conditions } from '../model/evaluate';
import type { ActionModel } from '../model/types';
import { positions, runsBefore } from './artifacts';
import { wholePipelines } from './structure';
import { actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-A06',
    title: 'Input artifact never produced, or output artifact name reused',
    severity: 'error',
    description: 'Every input artifact must be the output of an action that runs earlier, and every output artifact name must be unique in the pipeline.',
    messages: {
      notProduced: "Input artifact '{artifact}' of action '{action}' is not produced by any action of this pipeline.",
      producedLater: "Input artifact '{artifact}' of action '{action}' is only produced by '{producer}', which does not run before it.",
      duplicate: "Output artifact name '{artifact}' is already used by action '{other}'; output artifact names must be unique within the pipeline.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    // A fragment shows too little of the pipeline to know where its inputs come from.
    for (const pipeline of wholePipelines(model)) {
      const order = positions(model, pipeline);
      const producers = new Map<string, { action: ActionModel; conditions: Conditions }[]>();
      for (const action of order.keys()) {
        for (const output of action.outputArtifacts) {
          const earlier = producers.get(output.name) ?? [];
          const conditions = mergeConditions(action.conditions, output.conditions);
          if (!conditions) continue;
          // Reported only when the earlier output certainly exists with this one: outputs behind
          // different conditions (one source per kind of repository) may never meet.
          const clash = earlier.find((other) => implies(conditions, other.conditions));
          if (clash) {
            context.report({ messageId: 'duplicate', data: { artifact: output.name, other: actionLabel(clash.action) }, target: { field: output.field } });
          }
          producers.set(output.name, [...earlier, { action, conditions }]);
        }
      }
      for (const [action, position] of order) {
        for (const input of action.inputArtifacts) {
          const needed = mergeConditions(action.conditions, input.conditions);
          if (!needed) continue;
          const candidates = (producers.get(input.name) ?? []).filter((producer) => mergeConditions(producer.conditions, needed));
          const data = { artifact: input.name, action: actionLabel(action) };
          if (candidates.length === 0) {
            context.report({ messageId: 'notProduced', data, target: { field: input.field } });
            continue;
          }
          const before = candidates.map((producer) => runsBefore(order.get(producer.action) ?? position, position));
          if (before.every((runs) => runs === false)) {
            context.report({ messageId: 'producedLater', data: { ...data, producer: actionLabel(candidates[0].action) }, target: { field: input.field } });
          }
        }
      }
    }
  },
};
