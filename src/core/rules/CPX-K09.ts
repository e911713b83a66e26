import type { Rule } from '../engine/types';
import { getEntry } from '../source';
import { crossAccountUsers, keyReference, producersOf, projectOf, sameKey, storeKey, storeOf } from '../model/access';
import { configField } from '../model/roles';
import type { FixIntent, FixValue } from '../fixes/intents';
import { propertiesOf } from './grants';
import { accountText, actionLabel } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-K09',
    title: 'CodeBuild project does not use the pipeline key',
    severity: 'warning',
    description: "CodeBuild encrypts the artifacts it writes with the project's own key (aws/s3 by default), not with the pipeline's key, so an action in another account may not be able to read them.",
    messages: {
      noKey: "CodeBuild project '{project}' has no EncryptionKey, so its output artifacts may be encrypted with aws/s3, which action '{consumer}' in account {account} cannot decrypt. Set the project's EncryptionKey to the pipeline's artifact key.",
      otherKey: "CodeBuild project '{project}' encrypts its output with another key than the pipeline's artifact key, which action '{consumer}' in account {account} may not be able to use. Set the project's EncryptionKey to the pipeline's artifact key.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of model.pipelines) {
      const users = crossAccountUsers(model, pipeline).filter((user) => user.role === 'action role');
      const reported = new Set<string>();
      for (const user of users) {
        for (const input of user.action.inputArtifacts) {
          for (const producer of producersOf(pipeline, input.name)) {
            const project = projectOf(model, producer);
            const store = storeOf(model, pipeline, producer);
            const pipelineKey = store && storeKey(model, store);
            const properties = project && propertiesOf(project);
            const projectName = configField(producer, 'ProjectName');
            if (!project || !pipelineKey || !properties || !projectName || reported.has(project.logicalId)) continue;
            const entry = getEntry(properties.node, 'EncryptionKey');
            const projectKey = entry && keyReference(model, { node: entry.value, path: [...properties.path, 'EncryptionKey'] });
            if (projectKey && sameKey(model, projectKey, pipelineKey) !== 'no') continue;
            reported.add(project.logicalId);
            // CodeBuild takes a key ARN or an alias, not a bare key ID.
            const value: FixValue = pipelineKey.resource
              ? { kind: 'getAtt', logicalId: pipelineKey.resource.logicalId, attribute: 'Arn' }
              : { kind: 'copy', node: pipelineKey.field.node };
            const intent: FixIntent = projectKey
              ? { kind: 'replace', target: projectKey.field, value, styleFrom: pipelineKey.field.node }
              : { kind: 'set-entry', map: properties, key: 'EncryptionKey', value, styleFrom: pipelineKey.field.node };
            context.report({
              messageId: projectKey ? 'otherKey' : 'noKey',
              data: { project: project.logicalId, consumer: actionLabel(user.action), account: accountText(model, user.arn.account) },
              target: { field: projectName },
              related: [
                { target: projectKey ? { field: projectKey.field } : { field: project, part: 'key' }, message: 'The CodeBuild project.' },
                { target: { field: user.field }, message: 'Reads this build output from another account.' },
              ],
              fixes: [{ title: "Use the pipeline's key for the project", preferred: true, intents: [intent] }],
            });
          }
        }
      }
    }
  },
};
