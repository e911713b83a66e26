import type { Rule, RuleContext } from '../engine/types';
import { get, intrinsicName, isSeq } from '../source';
import { providerSpec, type Range } from '../model/providers';
import { keyFor, type ActionModel } from '../model/types';
import { structureField } from './structure';
import { actionLabel, actions, actionTarget } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-T02',
    title: 'Wrong number of artifacts for the action type',
    severity: 'error',
    description: 'Each action type takes a fixed range of input and output artifacts.',
    messages: {
      inputs: "Action '{action}' ({provider}) has {count} input artifact(s); it takes {expected}.",
      outputs: "Action '{action}' ({provider}) has {count} output artifact(s); it takes {expected}.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const spec = providerSpec(action.owner, action.category, action.provider);
      if (!spec) continue;
      checkCount(context, action, 'inputs', 'InputArtifacts', spec.inputs);
      checkCount(context, action, 'outputs', 'OutputArtifacts', spec.outputs);
    }
  },
};

function checkCount(context: RuleContext, action: ActionModel, messageId: 'inputs' | 'outputs', key: string, range: Range | undefined): void {
  const { model } = context;
  const list = get(action.node, keyFor(model.dialect, key));
  const items = isSeq(list) ? list.items : [];
  const count = items.length;
  // Entries behind Fn::If vary by branch: counted only when every entry is written out.
  const certain = items.every((item) => intrinsicName(item) === undefined);
  if (!range || !certain || (count >= range.min && count <= range.max)) return;
  const field = structureField(model, action, key);
  context.report({
    messageId,
    data: { action: actionLabel(action), provider: action.provider ?? '', count: String(count), expected: describe(range) },
    target: field ? { field, part: 'key' } : actionTarget(action, keyFor(model.dialect, 'Name')),
  });
}

function describe(range: Range): string {
  if (range.min === range.max) return range.min === 0 ? 'none' : `exactly ${range.min}`;
  return `${range.min} to ${range.max}`;
}
