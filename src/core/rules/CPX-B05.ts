import type { Rule } from '../engine/types';
import { get } from '../source';
import { crossAccountUsers, storeBucket } from '../model/access';
import { singleText } from '../model/evaluate';
import type { FixIntent, FixValue } from '../fixes/intents';
import { propertiesOf } from './grants';

export const rule: Rule = {
  meta: {
    id: 'CPX-B05',
    title: 'Artifact bucket not versioned',
    severity: 'info',
    description: 'AWS describes the artifact store of a cross-account pipeline as a versioned S3 bucket.',
    messages: {
      unversioned: "Artifact bucket '{bucket}' does not enable versioning. AWS describes the artifact store as 'any versioned S3 bucket'; pipelines that also read sources from it need versioning.",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    const reported = new Set<string>();
    for (const pipeline of model.pipelines) {
      // Like the other artifact rules, this one speaks up for pipelines that reach into other accounts.
      for (const store of new Set(crossAccountUsers(model, pipeline).flatMap((user) => user.store ?? []))) {
        const resource = storeBucket(model, store)?.resource;
        if (!resource || !store.location || reported.has(resource.logicalId)) continue;
        const status = get(get(resource.properties, 'VersioningConfiguration'), 'Status');
        // A status computed by an intrinsic is the user's decision.
        if (status && singleText(status, model.scope) !== 'Suspended') continue;
        reported.add(resource.logicalId);
        const versioning: FixValue = { kind: 'mapping', entries: [['Status', { kind: 'text', text: 'Enabled' }]] };
        const properties = propertiesOf(resource);
        const intent: FixIntent | undefined = status ? undefined : properties
          ? { kind: 'set-entry', map: properties, key: 'VersioningConfiguration', value: versioning }
          : { kind: 'set-entry', map: resource, key: 'Properties', value: { kind: 'mapping', entries: [['VersioningConfiguration', versioning]] } };
        context.report({
          messageId: 'unversioned', data: { bucket: resource.logicalId }, target: { field: store.location },
          related: [{ target: { field: resource, part: 'key' }, message: 'The artifact bucket.' }],
          // Versioning keeps every artifact version (and its cost): offered, not preferred.
          fixes: intent ? [{ title: 'Enable versioning on the artifact bucket', preferred: false, intents: [intent] }] : [],
        });
      }
    }
  },
};
