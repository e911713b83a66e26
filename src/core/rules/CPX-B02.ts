import type { Rule } from '../engine/types';
import { get, isMap, isSeq, type Node, type Path } from '../source';
import { crossAccountUsers, keyReference, sameKey, storeBucket, storeKey } from '../model/access';
import { singleText } from '../model/evaluate';
import { accountText } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-B02',
    title: 'Artifact bucket encrypted by default with another key',
    severity: 'warning',
    description: 'Objects written to the artifact bucket without naming a key (by sam package, for example) get the bucket default; in a cross-account pipeline that default should be the pipeline key.',
    messages: {
      awsManaged: "The artifact bucket's default encryption is aws:kms without a key, which means the aws/s3 key: objects written without the pipeline key (for example by 'sam package') cannot be read from account {account}. Set KMSMasterKeyID to the pipeline's artifact key.",
      otherKey: "The artifact bucket's default encryption uses another key than the pipeline's artifact key: objects written without the pipeline key (for example by 'sam package') may not be readable from account {account}. Use the pipeline's artifact key.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const pipeline of model.pipelines) {
      const users = crossAccountUsers(model, pipeline);
      for (const store of new Set(users.flatMap((user) => user.store ?? []))) {
        const bucket = storeBucket(model, store);
        const pipelineKey = storeKey(model, store);
        if (!bucket?.resource || !pipelineKey) continue;
        const reader = users.find((user) => user.store === store);
        const accountLabel = reader ? accountText(model, reader.arn.account) : '';
        const rulesPath: Path = [...bucket.resource.path, 'Properties', 'BucketEncryption', 'ServerSideEncryptionConfiguration'];
        const rules = get(get(bucket.resource.properties, 'BucketEncryption'), 'ServerSideEncryptionConfiguration');
        if (!isSeq(rules)) continue;
        rules.items.forEach((item, index) => {
          const defaults = get(item, 'ServerSideEncryptionByDefault');
          const algorithm = get(defaults, 'SSEAlgorithm');
          if (!isMap(defaults) || !algorithm || !singleText(algorithm, model.scope)?.startsWith('aws:kms')) return;
          const path: Path = [...rulesPath, index, 'ServerSideEncryptionByDefault'];
          const keyNode: Node | undefined = get(defaults, 'KMSMasterKeyID');
          if (!keyNode) {
            context.report({ messageId: 'awsManaged', data: { account: accountLabel }, target: { field: { node: algorithm, path: [...path, 'SSEAlgorithm'] } } });
            return;
          }
          const bucketKey = keyReference(model, { node: keyNode, path: [...path, 'KMSMasterKeyID'] });
          if (sameKey(model, bucketKey, pipelineKey) === 'no') {
            context.report({
              messageId: 'otherKey', data: { account: accountLabel }, target: { field: bucketKey.field },
              related: [{ target: { field: pipelineKey.field }, message: "The pipeline's artifact key." }],
            });
          }
        });
      }
    }
  },
};
