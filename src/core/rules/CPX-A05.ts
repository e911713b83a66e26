import type { Rule } from '../engine/types';
import { effectiveAccount, pairs } from '../model/roles';
import type { ActionModel } from '../model/types';
import { textOf } from './cloudformation';
import { accountText, actionLabel, actions, configField } from './support';

const FULL_CLONE_SOURCES = new Set(['CodeCommit', 'CodeStarSourceConnection']);

export const rule: Rule = {
  meta: {
    id: 'CPX-A05',
    title: 'Full-clone source used by CodeBuild in another account',
    severity: 'error',
    description: 'A CODEBUILD_CLONE_REF source artifact only works for a CodeBuild action in the same account as the source action.',
    messages: {
      otherAccount: "Artifact '{artifact}' is a full clone (CODEBUILD_CLONE_REF) made by '{source}' in account {sourceAccount}, but CodeBuild action '{build}' runs in account {buildAccount}; the full clone only works when both actions are in the same account.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    const cloneSources = new Map<string, ActionModel>();
    for (const [action] of actions(model)) {
      if (action.category !== 'Source' || !FULL_CLONE_SOURCES.has(action.provider ?? '')) continue;
      if (context.values(configField(action, 'OutputArtifactFormat')).some((alternative) => textOf(alternative) === 'CODEBUILD_CLONE_REF')) {
        for (const output of action.outputArtifacts) cloneSources.set(output.name, action);
      }
    }
    if (cloneSources.size === 0) return;
    for (const [action] of actions(model)) {
      if (action.provider !== 'CodeBuild') continue;
      for (const input of action.inputArtifacts) {
        const source = cloneSources.get(input.name);
        if (!source) continue;
        const conditions = pairs(context.arns(source.roleArn), context.arns(action.roleArn), action.conditions);
        const different = conditions.find(([sourceRole, buildRole]) =>
          context.compareAccounts(effectiveAccount(sourceRole), effectiveAccount(buildRole)) === 'different');
        if (!different) continue;
        context.report({
          messageId: 'otherAccount',
          data: {
            artifact: input.name, source: actionLabel(source), build: actionLabel(action),
            sourceAccount: accountText(model, effectiveAccount(different[0])), buildAccount: accountText(model, effectiveAccount(different[1])),
          },
          target: { field: input.field },
        });
      }
    }
  },
};
