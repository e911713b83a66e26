import type { RelatedDescriptor, Rule, RuleContext, Target } from '../engine/types';
import { crossAccountUsers, storeBucket, storeKey } from '../model/access';
import { evaluateString } from '../model/evaluate';
import { templateRole } from '../model/policy';
import type { Field, PipelineModel } from '../model/types';
import { accountText, roleFields } from './support';

const MAX_RELATED = 20;

interface Cause {
  readonly messageId: 'parameter' | 'expression' | 'pipelineAccount' | 'ambiguous';
  readonly data: Record<string, string>;
  readonly targets: Target[];
}

export const rule: Rule = {
  meta: {
    id: 'CPX-U01',
    title: 'Account could not be resolved',
    severity: 'info',
    description: 'The account of a role could not be determined, or a grant a cross-account action needs is declared outside the file, so the checks that depend on it were skipped.',
    messages: {
      parameter: "The account of the {role} comes from parameter '{name}', which has no value here, so cross-account checks that need it were skipped. Give it with `--account {name}=<account id>`, a parameter file (`--parameters`), or the `cpxLint.accounts` setting.",
      expression: 'The account of the {role} could not be resolved ({detail}), so cross-account checks that need it were skipped. Give the value with `--account NAME=<account id>`, a parameter file, or the `cpxLint.accounts` setting.',
      pipelineAccount: "The pipeline's own account is not known, so whether account {account} is another account could not be decided. Give it with `--account AWS::AccountId=<account id>` or the `cpxLint.accounts` setting.",
      ambiguous: "The {role} '{key}' is defined in more than one file ({files}), so the checks of its trust and policies were skipped. Keep one definition in the files linted together.",
      grants: "Actions run in account {accounts}, and these grants they need are not in this file, so they could not be checked: {grants}. cpx-lint checks them when they are declared in the same template as the pipeline; otherwise check where they are declared that {needs}.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    // One note per cause, at its first use, with the other uses as related places.
    const causes = new Map<string, Cause>();
    const note = (key: string, make: () => Omit<Cause, 'targets'>, target: Target): void => {
      const cause = causes.get(key) ?? { ...make(), targets: [] };
      causes.set(key, cause);
      cause.targets.push(target);
    };
    for (const { field, role } of roleFields(model)) {
      for (const { value: arn } of context.arns(field)) {
        const account = arn?.account;
        if (!account) continue;
        if (account.kind === 'param') {
          note(`param:${account.name}`, () => ({ messageId: 'parameter', data: { role, name: account.name } }), { field });
        } else if (account.kind === 'unknown' && account.reason !== 'not-an-arn') {
          note(`expr:${field.node.start}`, () => ({ messageId: 'expression', data: { role, detail: account.detail } }), { field });
        } else if (account.kind === 'literal' && model.pipelineAccountId === undefined && role !== 'pipeline role') {
          note('pipeline-account', () => ({ messageId: 'pipelineAccount', data: { account: account.value } }), { field });
        }
      }
    }
    for (const { field, role } of roleFields(model)) {
      for (const { value } of context.values(field)) {
        const definitions = value ? context.roleDefinitions(value) : [];
        if (definitions.length < 2) continue;
        const key = model.source.text.slice(field.node.start, field.node.end);
        const files = definitions.map((definition) => definition.fileName ?? 'this file').join(', ');
        note(`ambiguous:${field.node.start}`, () => ({ messageId: 'ambiguous', data: { role, key, files } }), { field });
      }
    }
    for (const cause of causes.values()) {
      const [first, ...others] = cause.targets;
      const related: RelatedDescriptor[] = others.slice(0, MAX_RELATED).map((target) => ({ target, message: 'Also depends on this account.' }));
      context.report({ messageId: cause.messageId, data: cause.data, target: first, related });
    }
    for (const pipeline of model.pipelines) reportUnseenGrants(context, pipeline);
  },
};

interface UnseenGrant {
  readonly what: string;
  readonly need: string;
  readonly field: Field;
}

/**
 * Cross-account actions need grants in the artifact key's policy, the artifact bucket's policy
 * and the pipeline role's policy. When those are declared elsewhere (a parameter, an import, an
 * existing pipeline in get-pipeline JSON), say which could not be checked instead of guessing.
 */
function reportUnseenGrants(context: RuleContext, pipeline: PipelineModel): void {
  const { model } = context;
  const users = crossAccountUsers(model, pipeline);
  if (users.length === 0) return;
  const unseen: UnseenGrant[] = [];
  const source = (field: Field): string => model.source.text.slice(field.node.start, field.node.end).replace(/\s+/g, ' ');
  for (const store of new Set(users.flatMap((user) => user.store ?? []))) {
    const key = storeKey(model, store);
    if (key && !key.resource) {
      unseen.push({ what: `the key policy of ${source(key.field)}`, need: 'its key policy lets those roles use the key (kms:Decrypt, kms:DescribeKey, and kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey* for roles that write artifacts)', field: key.field });
    }
    const bucket = storeBucket(model, store);
    if (bucket && !bucket.resource && bucket.policies.length === 0) {
      unseen.push({ what: `the bucket policy of ${source(bucket.field)}`, need: 'its bucket policy lets those roles read artifacts (s3:GetObject) and write them (s3:PutObject) where they produce output artifacts', field: bucket.field });
    }
  }
  const roleValue = evaluateString(pipeline.roleArn?.node, model.scope);
  const visibleRole = roleValue.length === 1 && roleValue[0].value ? templateRole(roleValue[0].value, model) : undefined;
  if (pipeline.roleArn && !visibleRole) {
    unseen.push({ what: `the policies of pipeline role ${source(pipeline.roleArn)}`, need: 'the pipeline role may sts:AssumeRole each action role', field: pipeline.roleArn });
  }
  if (unseen.length === 0) return;
  const accounts = [...new Set(users.map((user) => accountText(model, user.arn.account)))];
  const [first] = unseen;
  context.report({
    messageId: 'grants',
    data: {
      accounts: accounts.join(', '), grants: unseen.map((grant) => grant.what).join('; '), needs: unseen.map((grant) => grant.need).join('; '),
    },
    target: { field: first.field },
    related: [
      ...unseen.slice(1).map((grant) => ({ target: { field: grant.field }, message: `Not checked: ${grant.what}.` })),
      ...users.slice(0, MAX_RELATED).map((user) => ({ target: { field: user.field }, message: 'Runs in another account.' })),
    ],
  });
}
