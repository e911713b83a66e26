import type { Rule } from '../engine/types';
import { isSeq } from '../source';
import { implies } from '../model/evaluate';
import { keyFor } from '../model/types';
import { structureField, typeIdField, wholePipelines } from './structure';
import { actionLabel, actionTarget } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-T03',
    title: 'Source actions outside the first stage, or too few stages',
    severity: 'error',
    description: 'A pipeline has at least two stages; the first holds only source actions, and no other stage holds one.',
    messages: {
      sourceLater: "Source action '{action}' is in stage '{stage}', which is not the first stage; source actions belong only in the first stage.",
      notSourceFirst: "Action '{action}' is in the first stage, which may only hold source actions.",
      fewStages: 'A pipeline needs at least two stages; this one has {count}.',
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of wholePipelines(model)) {
      const stages = pipeline.stages;
      const written = structureField(model, pipeline, 'Stages');
      // Each written entry is at most one stage (an Fn::If picks one branch), so fewer than two is certain.
      if (written && isSeq(written.node) && written.node.items.length < 2) {
        context.report({ messageId: 'fewStages', data: { count: String(written.node.items.length) }, target: { field: written, part: 'key' } });
      }
      stages.forEach((stage, index) => {
        // With Fn::If stages, a stage is certainly not first only when an earlier one exists whenever it does.
        const certainlyLater = stages.slice(0, index).some((earlier) => implies(stage.conditions, earlier.conditions));
        for (const action of stage.actions) {
          const isSource = action.category === 'Source';
          const category = typeIdField(model, action, 'Category');
          if (!category || action.category === undefined) continue;
          if (isSource && certainlyLater) {
            context.report({ messageId: 'sourceLater', data: { action: actionLabel(action), stage: stage.name ?? String(index + 1) }, target: { field: category } });
          } else if (!isSource && index === 0) {
            context.report({ messageId: 'notSourceFirst', data: { action: actionLabel(action) }, target: actionTarget(action, keyFor(model.dialect, 'Name')) });
          }
        }
      });
    }
  },
};

