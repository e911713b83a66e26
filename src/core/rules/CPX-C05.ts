import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { missingFor, missingReport } from './cloudformation';
import { actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C05',
    title: 'TemplatePath missing',
    severity: 'error',
    description: 'CREATE_UPDATE, REPLACE_ON_FAILURE and CHANGE_SET_REPLACE deploy the template named by TemplatePath.',
    messages: {
      missing: "Action '{action}' has no Configuration.TemplatePath (ArtifactName::path/to/template), which ActionMode {mode} requires.",
      missingInBranch: "In some Fn::If branches, action '{action}' has no TemplatePath, which ActionMode {mode} requires.",
    },
    fixable: false,
  },
  check(context) {
    for (const [action] of actions(context.model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const missing = missingFor(context, action, 'TemplatePath');
      if (missing) context.report(missingReport(context, action, 'TemplatePath', missing));
    }
  },
};
