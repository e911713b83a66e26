import type { RelatedDescriptor, Rule, Target } from '../engine/types';
import { roleFields } from './support';

const MAX_RELATED = 20;

interface Cause {
  readonly messageId: 'parameter' | 'expression' | 'pipelineAccount';
  readonly data: Record<string, string>;
  readonly targets: Target[];
}

export const rule: Rule = {
  meta: {
    id: 'CPX-U01',
    title: 'Account could not be resolved',
    severity: 'info',
    description: 'The account of a role could not be determined, so the checks that compare accounts were skipped where it is used.',
    messages: {
      parameter: "The account of the {role} comes from parameter '{name}', which has no value here, so cross-account checks that need it were skipped. Give it with `--account {name}=<account id>`, a parameter file (`--parameters`), or the `cpxLint.accounts` setting.",
      expression: 'The account of the {role} could not be resolved ({detail}), so cross-account checks that need it were skipped. Give the value with `--account NAME=<account id>`, a parameter file, or the `cpxLint.accounts` setting.',
      pipelineAccount: "The pipeline's own account is not known, so whether account {account} is another account could not be decided. Give it with `--account AWS::AccountId=<account id>` or the `cpxLint.accounts` setting.",
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
    for (const cause of causes.values()) {
      const [first, ...others] = cause.targets;
      const related: RelatedDescriptor[] = others.slice(0, MAX_RELATED).map((target) => ({ target, message: 'Also depends on this account.' }));
      context.report({ messageId: cause.messageId, data: cause.data, target: first, related });
    }
  },
};
