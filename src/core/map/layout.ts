/** The account map: who runs what, where, and which link is broken. Pure data, no rendering. */
import type { Finding } from '../engine/types';
import type { Node, Path, Span } from '../source';
import { evaluateString, type Scope } from '../model/evaluate';
import { describe, type Resolved } from '../model/resolved';
import { arnAlternatives, configField, effectiveAccount, PIPELINE } from '../model/roles';
import type { ActionModel, ArtifactStoreModel, DocumentModel, Field, PipelineModel } from '../model/types';

export interface MapLane {
  /** The account id, or how the account is written when it cannot be resolved (`${ProdAccountId}`). */
  readonly id: string;
  /** The friendly name when one was given, otherwise the id. */
  readonly label: string;
  readonly pipelineAccount: boolean;
  readonly unresolved: boolean;
}

/** Column 0 holds the pipeline's own resources; stages follow from column 1. */
export interface MapColumn extends Span {
  readonly label: string;
}

export type MapNodeKind = 'pipeline-role' | 'bucket' | 'key' | 'action' | 'action-role' | 'cloudformation-role';

export interface MapNode extends Span {
  readonly id: string;
  readonly kind: MapNodeKind;
  readonly label: string;
  /** Index into `lanes`. */
  readonly lane: number;
  /** Index into `columns`. */
  readonly column: number;
  /** Position among the nodes of the same lane and column, top to bottom. */
  readonly row: number;
  /** Rules that report this node broken when no link stands for the finding. */
  readonly broken: readonly string[];
}

export type MapLinkKind = 'assumes' | 'passes' | 'reads';

export interface MapLink extends Span {
  readonly id: string;
  readonly kind: MapLinkKind;
  readonly from: string;
  readonly to: string;
  /** The rules that say this link fails; empty when nothing does. */
  readonly broken: readonly string[];
}

export interface AccountMap {
  readonly title: string;
  readonly lanes: readonly MapLane[];
  readonly columns: readonly MapColumn[];
  readonly nodes: readonly MapNode[];
  readonly links: readonly MapLink[];
}

export interface AccountMapOptions {
  /** Friendly names by account id. */
  readonly accountNames?: ReadonlyMap<string, string>;
}

/** Which link a rule speaks about; rules not listed mark the action itself. */
function linkKindOf(ruleId: string): MapLinkKind | undefined {
  if (ruleId === 'CPX-R01' || ruleId === 'CPX-R02') return 'passes';
  if (ruleId === 'CPX-R05' || ruleId === 'CPX-R06') return 'assumes';
  if (/^CPX-[KB]\d/.test(ruleId)) return 'reads';
  return undefined;
}

/** Builds the map of one pipeline of `model`; `findings` are the document's. */
export function buildAccountMap(model: DocumentModel, pipeline: PipelineModel, findings: readonly Finding[], options: AccountMapOptions = {}): AccountMap {
  const names = options.accountNames ?? new Map<string, string>();
  const lanes: MapLane[] = [];
  const laneIndex = (resolved: Resolved): number => {
    const pipelineAccount = resolved.kind === 'pipeline'
      || (resolved.kind === 'literal' && resolved.value === model.pipelineAccountId);
    const account = resolved.kind === 'literal' ? resolved.value : pipelineAccount ? model.pipelineAccountId : undefined;
    const id = account ?? describe(resolved, 'account');
    const existing = lanes.findIndex((lane) => lane.id === id);
    if (existing >= 0) return existing;
    lanes.push({ id, label: (account && names.get(account)) ?? id, pipelineAccount, unresolved: !pipelineAccount && resolved.kind !== 'literal' });
    return lanes.length - 1;
  };
  // The pipeline account's lane comes first even when no role names it.
  laneIndex(PIPELINE);

  const columns: MapColumn[] = [{ label: 'pipeline', start: pipeline.node.start, end: pipeline.node.end }];
  const nodes: MapNode[] = [];
  const links: MapLink[] = [];
  const addNode = (node: Omit<MapNode, 'row' | 'broken'>): MapNode => {
    const row = nodes.filter((other) => other.lane === node.lane && other.column === node.column).length;
    const added = { ...node, row, broken: [] };
    nodes.push(added);
    return added;
  };
  const addLink = (kind: MapLinkKind, from: MapNode, to: MapNode, span: Span): MapLink => {
    const link = { id: `${kind}:${from.id}->${to.id}`, kind, from: from.id, to: to.id, start: span.start, end: span.end, broken: [] };
    links.push(link);
    return link;
  };

  const pipelineRole = pipeline.roleArn
    ? addNode({ id: 'pipeline-role', kind: 'pipeline-role', label: label(pipeline.roleArn.node, model.scope), lane: laneIndex(accountOf(pipeline.roleArn, model.scope)), column: 0, ...span(pipeline.roleArn.node) })
    : undefined;
  const store = primaryStore(pipeline);
  const bucket = store?.location
    ? addNode({ id: 'bucket', kind: 'bucket', label: label(store.location.node, model.scope), lane: 0, column: 0, ...span(store.location.node) })
    : undefined;
  const keyField = store?.encryptionKey?.id;
  const key = keyField ? addNode({ id: 'key', kind: 'key', label: label(keyField.node, model.scope), lane: 0, column: 0, ...span(keyField.node) }) : undefined;
  const artifacts = key ?? bucket;

  // Per action, the links a finding on it can break.
  const actionLinks: { action: ActionModel; node: MapNode; links: Map<MapLinkKind, MapLink> }[] = [];
  pipeline.stages.forEach((stage, stageIndex) => {
    const column = columns.push({ label: stage.name ?? `stage ${stageIndex + 1}`, start: stage.node.start, end: stage.node.end }) - 1;
    stage.actions.forEach((action, actionIndex) => {
      const id = `${stageIndex}.${actionIndex}`;
      const roleAccount = action.roleArn ? accountOf(action.roleArn, model.scope) : undefined;
      const lane = laneIndex(roleAccount ?? effectiveAccount(undefined));
      const actionNode = addNode({ id: `action:${id}`, kind: 'action', label: action.name ?? `action ${actionIndex + 1}`, lane, column, ...span(action.node) });
      const byKind = new Map<MapLinkKind, MapLink>();
      let runsAs: MapNode = actionNode;
      if (action.roleArn) {
        runsAs = addNode({ id: `action-role:${id}`, kind: 'action-role', label: label(action.roleArn.node, model.scope), lane, column, ...span(action.roleArn.node) });
        if (pipelineRole) byKind.set('assumes', addLink('assumes', pipelineRole, runsAs, span(action.roleArn.node)));
      }
      const cfnRoleField = action.provider === 'CloudFormation' ? configField(action, 'RoleArn') : undefined;
      if (cfnRoleField) {
        const cfnRole = addNode({ id: `cloudformation-role:${id}`, kind: 'cloudformation-role', label: label(cfnRoleField.node, model.scope), lane: laneIndex(accountOf(cfnRoleField, model.scope)), column, ...span(cfnRoleField.node) });
        // Without an action role the action runs as the pipeline role, drawn as the action itself.
        byKind.set('passes', addLink('passes', runsAs, cfnRole, span(cfnRoleField.node)));
      }
      if (artifacts && (action.inputArtifacts.length > 0 || action.outputArtifacts.length > 0)) {
        byKind.set('reads', addLink('reads', actionNode, artifacts, artifacts));
      }
      actionLinks.push({ action, node: actionNode, links: byKind });
    });
  });

  const breaks = new Map<MapNode | MapLink, Set<string>>();
  const mark = (target: MapNode | MapLink, ruleId: string): void => {
    breaks.set(target, (breaks.get(target) ?? new Set()).add(ruleId));
  };
  for (const finding of findings) {
    const path = finding.path;
    if (finding.severity === 'info' || !path) continue;
    const kind = linkKindOf(finding.ruleId);
    const owner = actionLinks.find(({ action }) => startsWith(path, action.path));
    const link = owner && kind ? owner.links.get(kind) : undefined;
    if (link) mark(link, finding.ruleId);
    else if (owner) mark(owner.node, finding.ruleId);
    // Key and bucket findings on the store or the resources behind it break the artifacts node.
    else if (kind === 'reads' && artifacts) mark(artifacts, finding.ruleId);
  }
  const withBreaks = <T extends MapNode | MapLink>(item: T): T => ({ ...item, broken: [...(breaks.get(item) ?? [])].sort() });
  return {
    title: pipeline.name ?? pipeline.logicalId ?? 'pipeline',
    lanes,
    columns,
    nodes: nodes.map(withBreaks),
    links: links.map(withBreaks),
  };
}

/** The store in the pipeline's own region: `ArtifactStore`, else the `ArtifactStores` entry without another region. */
function primaryStore(pipeline: PipelineModel): ArtifactStoreModel | undefined {
  return pipeline.artifactStore ?? pipeline.artifactStores?.find((store) => store.region === undefined) ?? pipeline.artifactStores?.[0];
}

/** The account of a role field in its first branch (a map draws one picture, not every `Fn::If` combination). */
function accountOf(field: Field, scope: Scope): Resolved {
  for (const { value } of arnAlternatives(field, scope)) if (value) return value.account;
  return PIPELINE;
}

/** A short name for an ARN or a reference: the last part of the resource, or the logical id. */
function label(node: Node, scope: Scope): string {
  const first = evaluateString(node, scope).find((alternative) => alternative.value)?.value;
  if (!first) return '?';
  const text = first.map((part) => {
    switch (part.kind) {
      case 'text': return part.text;
      case 'param': return part.value ?? `\${${part.name}}`;
      case 'pseudo': return `\${${part.name}}`;
      case 'resource': return part.logicalId;
      case 'unknown': return '?';
    }
  }).join('');
  const resource = text.startsWith('arn:') ? text.split(':').slice(5).join(':') : text;
  return resource.slice(resource.lastIndexOf('/') + 1) || text;
}

function span(node: Node): Span {
  return { start: node.start, end: node.end };
}

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}
