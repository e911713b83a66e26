import type { Rule } from '../engine/types';
import { otherAccountOf } from './cross-account';
import { textOf } from './cloudformation';
import { accountText, actionLabel, actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-P02',
    title: 'CodeBuild action: project account or primary source',
    severity: 'warning',
    description: 'A CodeBuild action with several inputs names its primary source; a cross-account CodeBuild action uses a project in the account it runs in.',
    messages: {
      noPrimarySource: "CodeBuild action '{action}' has {count} input artifacts but no PrimarySource; name the input that holds the buildspec.",
      badPrimarySource: "PrimarySource '{value}' is not one of the input artifacts of action '{action}' ({inputs}).",
      projectInPipelineAccount: "CodeBuild action '{action}' runs in account {account}, but project {project} is declared in this stack, in the pipeline account; CodeBuild looks the project up in {account}, where its service role also needs access to the artifact bucket and key.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (action.owner !== 'AWS' || action.provider !== 'CodeBuild') continue;
      const inputs = action.inputArtifacts.map((input) => input.name);
      // Entries and names behind Fn::If may not be there together; count only those that always are.
      const certain = action.inputArtifacts.filter((input) => input.conditions.size === 0).length;
      const primary = configField(action, 'PrimarySource');
      if (certain > 1 && !primary && action.configuration) {
        context.report({ messageId: 'noPrimarySource', data: { action: actionLabel(action), count: String(certain) }, target: { field: action.configuration, part: 'key' } });
      }
      const primaryValue = primary ? context.values(primary).map(textOf).find((value) => value !== undefined && !inputs.includes(value)) : undefined;
      if (primary && primaryValue !== undefined && inputs.length > 0) {
        context.report({ messageId: 'badPrimarySource', data: { value: primaryValue, action: actionLabel(action), inputs: inputs.join(', ') }, target: { field: primary } });
      }
      const project = configField(action, 'ProjectName');
      const parts = context.values(project).length === 1 ? context.values(project)[0].value : undefined;
      const declared = parts?.length === 1 && parts[0].kind === 'resource' && parts[0].type === 'AWS::CodeBuild::Project' ? parts[0].logicalId : undefined;
      const account = declared ? otherAccountOf(context, action) : undefined;
      if (project && declared && account) {
        context.report({ messageId: 'projectInPipelineAccount', data: { action: actionLabel(action), account: accountText(model, account), project: declared }, target: { field: project } });
      }
    }
  },
};
