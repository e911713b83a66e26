import type { Rule } from '../engine/types';
import { isCloudFormationDeploy } from '../model/roles';
import { textOf } from './cloudformation';
import { artifactPathFields, artifactReads, splitArtifactPath } from './artifacts';
import { actionLabel, actions, configField } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-C10',
    title: 'OutputFileName and output artifact do not match',
    severity: 'warning',
    description: 'A CloudFormation action writes the stack outputs to its one output artifact only when OutputFileName is set.',
    messages: {
      noArtifact: "Action '{action}' sets OutputFileName but has no output artifact to write it to; add one OutputArtifacts entry.",
      noFileName: "Action '{action}' declares output artifact '{artifact}', which '{reader}' reads a file from, but without Configuration.OutputFileName the artifact holds no file; set OutputFileName.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    // Outputs without OutputFileName are empty, which is fine for artifacts that only order actions; reading a file from one is not.
    const readers = new Map<string, string>();
    for (const [action] of actions(model)) {
      const reads = [
        ...artifactPathFields(action).flatMap(({ field }) => context.values(field).map((alternative) => splitArtifactPath(textOf(alternative) ?? '')?.artifact)),
        ...context.values(configField(action, 'ParameterOverrides')).flatMap((alternative) => artifactReads(textOf(alternative)).map((read) => read.artifact)),
      ];
      for (const artifact of reads) if (artifact !== undefined && !readers.has(artifact)) readers.set(artifact, actionLabel(action));
    }
    for (const [action] of actions(model)) {
      if (!isCloudFormationDeploy(action)) continue;
      const fileName = configField(action, 'OutputFileName');
      const [output] = action.outputArtifacts;
      const reader = output ? readers.get(output.name) : undefined;
      if (fileName && !output) {
        context.report({ messageId: 'noArtifact', data: { action: actionLabel(action) }, target: { field: fileName, part: 'key' } });
      } else if (!fileName && output && reader) {
        context.report({ messageId: 'noFileName', data: { action: actionLabel(action), artifact: output.name, reader }, target: { field: output.field } });
      }
    }
  },
};
