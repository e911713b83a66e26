import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { missingFor, missingReport, textOf } from './cloudformation';
import { actions, configField } from './support';

/** Alphanumerics and hyphens, starting with a letter, at most 128 characters. */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

export const rule: Rule = {
  meta: {
    id: 'CPX-C02',
    title: 'StackName missing or invalid',
    severity: 'error',
    description: 'Every CloudFormation action mode needs a StackName made of letters, digits and hyphens, starting with a letter, at most 128 characters.',
    messages: {
      missing: "Action '{action}' has no Configuration.StackName, which ActionMode {mode} requires (every mode does).",
      missingInBranch: "In some Fn::If branches, action '{action}' has no StackName, which ActionMode {mode} requires.",
      invalid: "'{value}' is not a valid stack name: use letters, digits and hyphens, start with a letter, at most 128 characters.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const missing = missingFor(context, action, 'StackName');
      const field = configField(action, 'StackName');
      if (missing) context.report(missingReport(context, action, 'StackName', missing));
      if (!field) continue;
      const invalid = context.values(field).map(textOf).find((value) => value !== undefined && !STACK_NAME.test(value));
      if (invalid !== undefined) context.report({ messageId: 'invalid', data: { value: invalid }, target: { field } });
    }
  },
};
