import type { Rule } from '../engine/types';
import { otherAccountOf } from './cross-account';
import { actionRegion, otherThanPipeline, regionText, storeRegion } from './regions';
import { accountText, actionLabel, actions } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-G06',
    title: 'Regional artifact store of a cross-account action has no customer managed key',
    severity: 'warning',
    description: 'An action in another account and another region reads its artifacts from that region’s store, which needs its own customer managed key shared with the account.',
    messages: {
      noKey: "Action '{action}' runs in account {account} and region {region}; the artifact store for {region} has no EncryptionKey, so it uses the aws/s3 key, which account {account} cannot use. Give that store its own customer managed key shared with {account}.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    for (const [action, pipeline] of actions(model)) {
      if (!action.region || !pipeline.artifactStores) continue;
      const region = actionRegion(context, action);
      if (!otherThanPipeline(context, region)) continue;
      const crossAccount = otherAccountOf(context, action);
      if (!crossAccount) continue;
      const store = pipeline.artifactStores.find((candidate) => context.compareRegions(storeRegion(context, candidate), region) === 'same');
      if (!store || store.encryptionKey) continue;
      context.report({
        messageId: 'noKey',
        data: { action: actionLabel(action), account: accountText(model, crossAccount), region: regionText(context, region) },
        target: { field: store, part: 'key' },
        related: [{ target: { field: action.region }, message: 'The action runs in this region.' }],
      });
    }
  },
};
