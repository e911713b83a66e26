import { intrinsicName, isMap, type MapNode, type Node, type Span } from '../source';
import { evaluateString, type Part } from '../model/evaluate';
import { describe } from '../model/resolved';
import type { DocumentModel } from '../model/types';
import { arnAlternatives, effectiveAccount, roleFields, type RoleKind } from '../model/roles';
import type { Finding } from './types';

export interface HoverInfo extends Span {
  readonly markdown: string;
}

const WHAT_MUST_HOLD: Record<RoleKind, string> = {
  'pipeline role': 'Must be in the pipeline account and trust `codepipeline.amazonaws.com`; it assumes each action role.',
  'action role': "Sets the account the action runs in. The pipeline role assumes it, so it must trust the pipeline account (or the pipeline role), and the pipeline role needs `sts:AssumeRole` on it.",
  'CloudFormation role': 'The role CloudFormation deploys the stack with. It must be in the same account as the action role (the action role passes it) and trust `cloudformation.amazonaws.com`.',
};

/** Role fields first; otherwise the resolved value of a `Fn::Sub` under the cursor. */
export function hoverAt(
  model: DocumentModel, offset: number, findings: readonly Finding[], accountNames: ReadonlyMap<string, string> = new Map(),
): HoverInfo | undefined {
  return roleHover(model, offset, findings, accountNames) ?? subHover(model, offset);
}

/** The innermost `Fn::Sub` containing the offset, found by walking down the tree. */
function subAt(root: Node | undefined, offset: number): MapNode | undefined {
  let found: MapNode | undefined;
  let node = root;
  while (node && node.start <= offset && offset <= node.end) {
    if (intrinsicName(node) === 'Fn::Sub' && isMap(node)) found = node;
    const children: Node[] = node.kind === 'map' ? node.entries.map((entry) => entry.value) : node.kind === 'seq' ? node.items : [];
    node = children.find((child) => child.start <= offset && offset <= child.end);
  }
  return found;
}

function subHover(model: DocumentModel, offset: number): HoverInfo | undefined {
  const sub = subAt(model.source.root, offset);
  if (!sub) return undefined;
  const values = evaluateString(sub, model.scope).map(({ value, conditions }) => {
    const text = value ? value.map((part) => partText(model, part)).join('') : '(absent: AWS::NoValue)';
    const branch = conditions.size > 0 ? ` — when ${[...conditions].map(([name, holds]) => `${name} is ${holds}`).join(' and ')}` : '';
    return `- \`${text}\`${branch}`;
  });
  return { start: sub.start, end: sub.end, markdown: ['**Fn::Sub** resolves to:', '', ...values].join('\n') };
}

/** A part as the user would read it: known values filled in, the rest left as `${…}`. */
function partText(model: DocumentModel, part: Part): string {
  switch (part.kind) {
    case 'text': return part.text;
    case 'param': return part.value ?? `\${${part.name}}`;
    case 'pseudo':
      if (part.name === 'AWS::AccountId' && model.pipelineAccountId) return model.pipelineAccountId;
      if (part.name === 'AWS::Region' && model.pipelineRegion) return model.pipelineRegion;
      return `\${${part.name}}`;
    case 'resource': return `\${${part.logicalId}${part.attribute ? `.${part.attribute}` : ''}}`;
    case 'unknown': return `‹${part.detail}›`;
  }
}

/** What a role field is, which account it resolves to, and what must hold for it to work. */
function roleHover(
  model: DocumentModel, offset: number, findings: readonly Finding[], accountNames: ReadonlyMap<string, string> = new Map(),
): HoverInfo | undefined {
  for (const { field, role, action } of roleFields(model)) {
    const { node } = field;
    if (offset < node.start || offset > node.end) continue;
    const lines = [`**${capitalise(role)}** (\`${field.path.slice(-2).join('.')}\`)`, ''];
    for (const { value: arn, conditions } of arnAlternatives(field, model.scope)) {
      const branch = conditions.size > 0 ? ` when ${[...conditions].map(([name, holds]) => `${name} is ${holds}`).join(' and ')}` : '';
      if (!arn) {
        lines.push(`- Absent${branch}.`);
        continue;
      }
      const account = arn.account.kind === 'pipeline' && model.pipelineAccountId ? model.pipelineAccountId : describe(arn.account, 'account');
      const why = arn.account.kind === 'param' ? ` — parameter without a value: set \`cpxLint.accounts\` or pass \`--account ${arn.account.name}=<id>\``
        : arn.account.kind === 'unknown' ? ' — cannot be resolved here' : '';
      const name = accountNames.get(account);
      lines.push(`- Account: **${account}**${name ? ` (${name})` : ''}${why}${branch}.`);
      if (arn.resource) lines.push(`- Resolves to: \`…:${arn.resource}\``);
    }
    if (role === 'action role' && action) {
      const runs = arnAlternatives(action.roleArn, model.scope).map(({ value }) => describe(effectiveAccount(value), 'account'));
      lines.push(`- The action runs in: ${[...new Set(runs)].join(', ')}.`);
    }
    lines.push('', WHAT_MUST_HOLD[role]);
    const here = findings.filter((finding) => finding.start <= offset && offset <= finding.end);
    for (const finding of here) lines.push('', `${finding.ruleId}: ${finding.message}`);
    return { start: node.start, end: node.end, markdown: lines.join('\n') };
  }
  return undefined;
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
