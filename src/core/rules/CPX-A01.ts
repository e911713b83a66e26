import type { Rule } from '../engine/types';
import { effectiveAccount, pairs } from '../model/roles';
import { runsElsewhere } from '../model/access';
import { mergeConditions } from '../model/evaluate';
import { accountText, actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-A01',
    title: 'Artifact passed between two non-pipeline accounts',
    severity: 'error',
    description: 'An artifact can only move from one account to another through the pipeline account.',
    messages: {
      between: "Artifact '{artifact}' is produced by '{producer}' in account {producerAccount} and consumed by '{consumer}' in account {consumerAccount}. Artifacts can only move between accounts through the pipeline's account: produce it in the pipeline account, or consume it in {producerAccount}.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of model.pipelines) {
      const actions = pipeline.stages.flatMap((stage) => stage.actions);
      for (const consumer of actions) {
        for (const input of consumer.inputArtifacts) {
          for (const producer of actions) {
            const output = producer.outputArtifacts.find((artifact) => artifact.name === input.name);
            const both = mergeConditions(consumer.conditions, producer.conditions);
            if (producer === consumer || !output || !both) continue;
            const crossing = pairs(context.arns(producer.roleArn), context.arns(consumer.roleArn), both).find(([made, used]) => {
              const from = effectiveAccount(made);
              const to = effectiveAccount(used);
              return runsElsewhere(model, from) && runsElsewhere(model, to) && context.compareAccounts(from, to) === 'different';
            });
            if (!crossing) continue;
            context.report({
              messageId: 'between',
              data: {
                artifact: input.name, producer: actionLabel(producer), consumer: actionLabel(consumer),
                producerAccount: accountText(model, effectiveAccount(crossing[0])), consumerAccount: accountText(model, effectiveAccount(crossing[1])),
              },
              target: { field: input.field },
              related: [{ target: { field: output.field }, message: 'Produced here, in another account.' }],
            });
          }
        }
      }
    }
  },
};
