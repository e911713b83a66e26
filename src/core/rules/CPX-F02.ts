import type { Rule } from '../engine/types';
import { getEntry, isMap, locate } from '../source';
import { keyFor, type ActionModel } from '../model/types';
import { actionMap, actions } from './support';
import { trailingComment } from '../fixes/text';

export const rule: Rule = {
  meta: {
    id: 'CPX-F02',
    title: 'Duplicate key',
    severity: 'error',
    description: 'A key appears twice in one mapping; CloudFormation keeps only one of the values, so the intent of the other is lost.',
    messages: {
      duplicate: "Key '{key}' appears twice in this mapping; only one of the values is used.",
      roleArnInConfiguration: "RoleArn appears twice in this action's Configuration. Configuration.RoleArn is the role CloudFormation uses; the role the pipeline assumes to run the action (the action role) belongs on the action itself, one level up.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    const configurations = new Map<string, ActionModel>();
    for (const [action] of actions(model)) {
      if (action.configuration) configurations.set(JSON.stringify(action.configuration.path), action);
    }
    for (const problem of model.source.problems) {
      if (problem.code !== 'duplicate-key' || !problem.mapPath) continue;
      const action = problem.key === 'RoleArn' ? configurations.get(JSON.stringify(problem.mapPath)) : undefined;
      if (!action?.configuration) {
        context.report({ messageId: 'duplicate', data: { key: problem.key ?? '' }, target: { span: problem, path: problem.mapPath } });
        continue;
      }
      const configuration = locate(model.source.root, problem.mapPath)?.node;
      const entry = isMap(configuration) ? configuration.entries.find((candidate) => candidate.keyStart === problem.start) : undefined;
      const canMove = entry && isMap(configuration) && !getEntry(action.node, keyFor(model.dialect, 'RoleArn'));
      context.report({
        messageId: 'roleArnInConfiguration',
        target: { span: problem, path: [...problem.mapPath, 'RoleArn'] },
        fixes: canMove ? [{
          title: 'Move this RoleArn to the action',
          preferred: true,
          intents: [
            { kind: 'remove-entry', map: { node: configuration, path: problem.mapPath }, entry },
            {
              kind: 'set-entry', map: actionMap(action), key: keyFor(model.dialect, 'RoleArn'),
              value: { kind: 'copy', node: entry.value }, comment: trailingComment(model.source.text, entry.value.end),
              // Above Configuration: never inside the lines the removal takes away.
              before: keyFor(model.dialect, 'Configuration'),
            },
          ],
        }] : [],
      });
    }
  },
};
