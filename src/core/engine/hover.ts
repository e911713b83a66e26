import { get, intrinsicName, isMap, isSeq, scalarText, type MapNode, type Node, type Span } from '../source';
import { analyseArn, evaluateString, type Part } from '../model/evaluate';
import { describe, type Resolved } from '../model/resolved';
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
  return roleHover(model, offset, findings, accountNames) ?? keyHover(model, offset, accountNames)
    ?? principalHover(model, offset, accountNames) ?? subHover(model, offset);
}

/** The user's name for an account, looked up by its id (the pipeline's own when it is known). */
function friendlyName(model: DocumentModel, account: Resolved, accountNames: ReadonlyMap<string, string>): string | undefined {
  const id = account.kind === 'literal' ? account.value : account.kind === 'pipeline' ? model.pipelineAccountId : undefined;
  return id === undefined ? undefined : accountNames.get(id);
}

const contains = (node: Node | undefined, offset: number): node is Node => node !== undefined && node.start <= offset && offset <= node.end;

function accountLine(model: DocumentModel, node: Node, accountNames: ReadonlyMap<string, string>): string[] {
  return evaluateString(node, model.scope).map(({ value }) => {
    if (!value) return '- Absent in some Fn::If branch.';
    const arn = analyseArn(value);
    const account = arn.account.kind === 'pipeline' && model.pipelineAccountId ? model.pipelineAccountId : describe(arn.account, 'account');
    const name = friendlyName(model, arn.account, accountNames);
    return `- \`${value.map((part) => partText(model, part)).join('')}\` — account **${account}**${name ? ` (${name})` : ''}`;
  });
}

/** The artifact store's `EncryptionKey.Id`: what it resolves to, and why cross-account actions need its ARN. */
function keyHover(model: DocumentModel, offset: number, accountNames: ReadonlyMap<string, string>): HoverInfo | undefined {
  for (const pipeline of model.pipelines) {
    for (const store of [pipeline.artifactStore, ...(pipeline.artifactStores ?? [])]) {
      const id = store?.encryptionKey?.id?.node;
      if (!contains(id, offset)) continue;
      const lines = [
        `**Artifact store key** (\`EncryptionKey.Id\`${store?.region ? `, ${store.region}` : ''})`, '',
        ...accountLine(model, id, accountNames), '',
        'Artifacts are encrypted with this customer managed key. For cross-account actions it must be the key ARN (an alias or a bare key id is looked up in the action\'s account), in the store\'s region, and its key policy must let the target accounts use it.',
      ];
      return { start: id.start, end: id.end, markdown: lines.join('\n') };
    }
  }
  return undefined;
}

/** A principal of a KMS key policy or an S3 bucket policy: its account, and what the statement allows it. */
function principalHover(model: DocumentModel, offset: number, accountNames: ReadonlyMap<string, string>): HoverInfo | undefined {
  const documents = [
    ...model.typed.keys.map((key) => ({ label: 'Key policy principal', document: get(key.properties, 'KeyPolicy') })),
    ...model.typed.bucketPolicies.map((policy) => ({ label: 'Bucket policy principal', document: get(policy.properties, 'PolicyDocument') })),
  ];
  for (const { label, document } of documents) {
    const statements = get(document, 'Statement');
    for (const statement of isSeq(statements) ? statements.items : isMap(statements) ? [statements] : []) {
      const principals = get(get(statement, 'Principal'), 'AWS');
      const candidates = isSeq(principals) ? principals.items : principals ? [principals] : [];
      const principal = candidates.find((candidate) => contains(candidate, offset));
      if (!principal) continue;
      const actions = get(statement, 'Action');
      const allowed = (isSeq(actions) ? actions.items : actions ? [actions] : []).map((action) => scalarText(action) ?? '…');
      const lines = [
        `**${label}**`, '', ...accountLine(model, principal, accountNames),
        `- ${scalarText(get(statement, 'Effect')) ?? 'Allow'}: ${allowed.join(', ') || '(no actions)'}`, '',
        'A target account\'s action role (and the CloudFormation role, when it reads artifacts) needs `kms:Decrypt`/`kms:DescribeKey` on the key and `s3:GetObject*` on the bucket; writers also need encrypt and put. The account root delegates the choice to IAM in that account.',
      ];
      return { start: principal.start, end: principal.end, markdown: lines.join('\n') };
    }
  }
  return undefined;
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
      const name = friendlyName(model, arn.account, accountNames);
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
