import type { Rule } from '../engine/types';
import { crossAccountUsers, KMS_ACTIONS } from '../model/access';
import { keyFor, type ArtifactStoreModel, type DocumentModel, type PipelineModel } from '../model/types';
import type { FixDescriptor, FixValue } from '../fixes/intents';
import { byStoreAndAccount, freshLogicalId, freshSid, keyStatements, resourcesMap, type AccountGroup } from './grants';

/** The key ARN a get-pipeline fix writes until the user names the real key. */
export const KEY_ARN_PLACEHOLDER = 'key/REPLACE-WITH-KEY-ID';

export const rule: Rule = {
  meta: {
    id: 'CPX-K01',
    title: 'Cross-account pipeline without a customer managed key',
    severity: 'error',
    description: 'Artifacts read or written from another account must be encrypted with a customer managed KMS key that account can use; the default aws/s3 key cannot be shared.',
    messages: {
      noKey: "Action '{action}' runs in account {account}, but this artifact store has no EncryptionKey, so artifacts are encrypted with the default aws/s3 key, which account {account} cannot use. Encrypt the store with a customer managed KMS key that account {account} may use.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of model.pipelines) {
      const groups = byStoreAndAccount(model, crossAccountUsers(model, pipeline));
      const reported = new Set<ArtifactStoreModel>();
      for (const group of groups) {
        if (group.store.encryptionKey || reported.has(group.store)) continue;
        reported.add(group.store);
        const [first] = group.users;
        const sameStore = groups.filter((other) => other.store === group.store);
        const fix = model.dialect === 'api' ? placeholderKey(model, group.store) : newKey(model, pipeline, group.store, sameStore);
        context.report({
          messageId: 'noKey',
          data: { action: first.action.name ?? 'this action', account: group.account },
          target: { field: group.store, part: 'key' },
          related: sameStore.flatMap((other) => other.users).map((user) => ({ target: { field: user.field }, message: 'Runs in another account.' })),
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};

/** get-pipeline JSON: the key must exist already; its ARN is a placeholder to fill in. */
function placeholderKey(model: DocumentModel, store: ArtifactStoreModel): FixDescriptor | undefined {
  const region = store.region ?? model.pipelineRegion;
  const account = model.pipelineAccountId;
  if (!region || !account) return undefined;
  return {
    title: 'Encrypt the artifact store with a customer managed key',
    preferred: false,
    intents: [{
      kind: 'set-entry', map: store, key: 'encryptionKey',
      value: { kind: 'data', value: { id: `arn:aws:kms:${region}:${account}:${KEY_ARN_PLACEHOLDER}`, type: 'KMS' } },
    }],
  };
}

/** A template: a new key (reference §4.4) shared with the accounts that need it, an alias, and the store's EncryptionKey. */
function newKey(model: DocumentModel, pipeline: PipelineModel, store: ArtifactStoreModel, groups: readonly AccountGroup[]): FixDescriptor | undefined {
  const resources = resourcesMap(model);
  if (!resources) return undefined;
  const keyId = freshLogicalId(model, 'ArtifactKey');
  const text = (value: string): FixValue => ({ kind: 'text', text: value });
  const statements: FixValue[] = [{
    kind: 'mapping',
    entries: [
      ['Sid', text('AccountAdmin')],
      ['Effect', text('Allow')],
      ['Principal', { kind: 'mapping', entries: [['AWS', { kind: 'sub', template: 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' }]] }],
      ['Action', text('kms:*')],
      ['Resource', text('*')],
    ],
  }];
  if (pipeline.roleArn) {
    statements.push({
      kind: 'mapping',
      entries: [
        ['Sid', text('PipelineRoleUse')],
        ['Effect', text('Allow')],
        ['Principal', { kind: 'mapping', entries: [['AWS', { kind: 'copy', node: pipeline.roleArn.node }]] }],
        ['Action', { kind: 'list', items: KMS_ACTIONS.write.map(text) }],
        ['Resource', text('*')],
      ],
    });
  }
  for (const group of groups) statements.push(...keyStatements(model, group.users, (level) => freshSid(undefined, level, group.users[0].arn.account)));
  const key: FixValue = {
    kind: 'mapping',
    entries: [
      ['Type', text('AWS::KMS::Key')],
      ['Properties', {
        kind: 'mapping',
        entries: [
          ['EnableKeyRotation', text('true')],
          ['KeyPolicy', { kind: 'mapping', entries: [['Version', text('2012-10-17')], ['Statement', { kind: 'list', items: statements }]] }],
        ],
      }],
    ],
  };
  const alias: FixValue = {
    kind: 'mapping',
    entries: [
      ['Type', text('AWS::KMS::Alias')],
      ['Properties', { kind: 'mapping', entries: [['AliasName', { kind: 'sub', template: 'alias/${AWS::StackName}-artifacts' }], ['TargetKeyId', { kind: 'ref', logicalId: keyId }]] }],
    ],
  };
  const encryptionKey: FixValue = { kind: 'mapping', entries: [['Id', { kind: 'getAtt', logicalId: keyId, attribute: 'Arn' }], ['Type', text('KMS')]] };
  // ARNs follow the quoting of the action roles the key is shared with.
  const styleFrom = groups[0]?.users[0]?.field.node;
  return {
    title: 'Create a customer managed key for the artifact store',
    // A new key is a new resource with its own cost and policy: the user decides.
    preferred: false,
    intents: [
      { kind: 'set-entry', map: resources, key: keyId, value: key, styleFrom },
      { kind: 'set-entry', map: resources, key: freshLogicalId(model, `${keyId}Alias`), value: alias, styleFrom },
      { kind: 'set-entry', map: store, key: keyFor(model.dialect, 'EncryptionKey'), value: encryptionKey, styleFrom },
    ],
  };
}
