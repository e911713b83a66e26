import type { Rule } from '../engine/types';
import { singleText } from '../model/evaluate';
import { isCloudFormationDeploy } from '../model/roles';
import type { FixValue } from '../fixes/intents';
import type { ActionModel, DocumentModel, PipelineModel } from '../model/types';
import { missingFor, missingReport } from './cloudformation';
import { actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C03',
    title: 'ChangeSetName missing in a change-set mode',
    severity: 'error',
    description: 'CHANGE_SET_REPLACE and CHANGE_SET_EXECUTE name the change set they create or execute with ChangeSetName.',
    messages: {
      missing: "Action '{action}' has no Configuration.ChangeSetName, which ActionMode {mode} requires.",
      missingInBranch: "In some Fn::If branches, action '{action}' has no ChangeSetName, which ActionMode {mode} requires.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action, pipeline] of actions(model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const missing = missingFor(context, action, 'ChangeSetName');
      if (!missing) continue;
      const field = configField(action, 'ChangeSetName');
      const value = field ? undefined : changeSetName(model, pipeline, action);
      context.report({
        ...missingReport(context, action, 'ChangeSetName', missing),
        fixes: value && action.configuration ? [{
          title: 'Add ChangeSetName',
          // Copied from the partner action it must match, it is safe; a new name is the user's to choose.
          preferred: value.kind === 'copy',
          intents: [{ kind: 'set-entry', map: action.configuration, key: 'ChangeSetName', value: value }],
        }] : [],
      });
    }
  },
};

/** The name the partner action (same stack, the other change-set mode) uses, else one made from the stack name. */
function changeSetName(model: DocumentModel, pipeline: PipelineModel, action: ActionModel): FixValue | undefined {
  const stack = singleText(configField(action, 'StackName')?.node, model.scope);
  if (stack === undefined) return undefined;
  for (const stage of pipeline.stages) {
    for (const other of stage.actions) {
      const name = configField(other, 'ChangeSetName');
      if (other === action || !name || !isCloudFormationDeploy(other)) continue;
      if (singleText(configField(other, 'StackName')?.node, model.scope) === stack) return { kind: 'copy', node: name.node };
    }
  }
  return { kind: 'text', text: `${stack}-changes` };
}
