import { describe } from './resolved';
import { arnAlternatives, roleFields, type RoleKind } from './roles';
import type { DocumentModel } from './types';

export interface AccountUse {
  /** The account id, or how it is written when it is not known (`${ProdAccountId}`). */
  readonly account: string;
  readonly roles: readonly RoleKind[];
}

export interface DocumentSummary {
  readonly kind: DocumentModel['kind'];
  readonly pipelines: number;
  readonly actions: number;
  readonly pipelineAccount: string | undefined;
  readonly accounts: readonly AccountUse[];
}

/** What a file was recognised as and which accounts its roles resolve to, for status displays. */
export function summarise(model: DocumentModel): DocumentSummary {
  const accounts = new Map<string, Set<RoleKind>>();
  for (const { field, role } of roleFields(model)) {
    for (const { value } of arnAlternatives(field, model.scope)) {
      if (!value) continue;
      const account = value.account.kind === 'pipeline' && model.pipelineAccountId ? model.pipelineAccountId : describe(value.account, 'account');
      accounts.set(account, (accounts.get(account) ?? new Set()).add(role));
    }
  }
  return {
    kind: model.kind,
    pipelines: model.pipelines.length,
    actions: model.pipelines.reduce((sum, pipeline) => sum + pipeline.stages.reduce((count, stage) => count + stage.actions.length, 0), 0),
    pipelineAccount: model.pipelineAccountId,
    accounts: [...accounts].map(([account, roles]) => ({ account, roles: [...roles] })),
  };
}
