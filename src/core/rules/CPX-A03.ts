import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { ignoredInEveryMode, textOf } from './cloudformation';
import { actions, configField } from './support';

/** `ArtifactName::TemplateFileName`; artifact names are `[a-zA-Z0-9_-]`, at most 100 characters. */
const TEMPLATE_PATH = /^[A-Za-z0-9_-]{1,100}::.+$/;

export const rule: Rule = {
  meta: {
    id: 'CPX-A03',
    title: 'TemplatePath is not ArtifactName::path',
    severity: 'error',
    description: 'TemplatePath names an input artifact and a file inside it, separated by two colons.',
    messages: {
      format: "TemplatePath '{value}' is not ArtifactName::path/to/template.yaml (an artifact name of letters, digits, - and _, two colons, then the file).",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      const field = configField(action, 'TemplatePath');
      const applies = isCloudFormationDeploy(action) || (action.owner === 'AWS' && action.provider === 'CloudFormationStackSet');
      if (!field || !applies || ignoredInEveryMode(context, action, 'TemplatePath')) continue;
      const value = context.values(field).map(textOf).find((text) => text !== undefined && !TEMPLATE_PATH.test(text));
      if (value !== undefined) context.report({ messageId: 'format', data: { value }, target: { field } });
    }
  },
};
