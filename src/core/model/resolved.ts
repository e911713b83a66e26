/**
 * Three-valued resolution of accounts and regions (reference §1): a value is a literal,
 * "the pipeline's own" (`${AWS::AccountId}` / `${AWS::Region}` of the pipeline stack),
 * a parameter without a value, or unknown with a reason.
 */
export type Resolved =
  | { readonly kind: 'literal'; readonly value: string; /** the parameter that supplied it */ readonly param?: string }
  | { readonly kind: 'pipeline' }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason; readonly detail: string };

export type UnknownReason = 'parameter' | 'import' | 'dynamic' | 'expression' | 'not-an-arn' | 'pipeline-account';

export type Comparison = 'same' | 'different' | 'unknown';

/** `pipelineValue` is the pipeline's own account or region when it is known. */
export function compare(a: Resolved, b: Resolved, pipelineValue: string | undefined): Comparison {
  const left = concrete(a, pipelineValue);
  const right = concrete(b, pipelineValue);
  if (left.kind === 'literal' && right.kind === 'literal') return left.value === right.value ? 'same' : 'different';
  if (left.kind === 'pipeline' && right.kind === 'pipeline') return 'same';
  if (left.kind === 'param' && right.kind === 'param' && left.name === right.name) return 'same';
  if (left.kind === 'literal' && right.kind === 'param' && left.param === right.name) return 'same';
  if (right.kind === 'literal' && left.kind === 'param' && right.param === left.name) return 'same';
  return 'unknown';
}

function concrete(value: Resolved, pipelineValue: string | undefined): Resolved {
  return value.kind === 'pipeline' && pipelineValue !== undefined ? { kind: 'literal', value: pipelineValue } : value;
}

/** Human-readable form for messages and hovers. */
export function describe(value: Resolved, what: 'account' | 'region'): string {
  switch (value.kind) {
    case 'literal':
      return value.param ? `${value.value} (${value.param})` : value.value;
    case 'pipeline':
      return what === 'account' ? "the pipeline's account" : "the pipeline's region";
    case 'param':
      return `\${${value.name}}`;
    case 'unknown':
      return value.detail;
  }
}
