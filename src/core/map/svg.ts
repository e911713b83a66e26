/** Draws an account map as one standalone SVG: no scripts, no fonts or images to fetch, same input same bytes. */
import type { AccountMap, MapLink, MapNode, MapNodeKind } from './layout';

const LANE_HEADER = 150;
const COLUMN_WIDTH = 200;
const COLUMN_HEADER = 36;
const BOX_WIDTH = 168;
const BOX_HEIGHT = 40;
const ROW_GAP = 14;
const LANE_PADDING = 14;
const MAX_LABEL = 24;

const KIND_CAPTION: Readonly<Record<MapNodeKind, string>> = {
  'pipeline-role': 'pipeline role',
  bucket: 'artifact bucket',
  key: 'KMS key',
  action: 'action',
  'action-role': 'action role',
  'cloudformation-role': 'CloudFormation role',
};

const LINK_CAPTION: Readonly<Record<MapLink['kind'], string>> = {
  assumes: 'assumes',
  passes: 'passes',
  reads: 'reads artifacts with key',
};

// VS Code's theme variables when shown in a webview; otherwise the colour scheme of the page.
const STYLE = `
svg { color-scheme: light dark; color: var(--vscode-editor-foreground, #1f2328); --cpx-error: var(--vscode-errorForeground, #d1242f); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 12px; }
@media (prefers-color-scheme: dark) { svg { color: var(--vscode-editor-foreground, #e6edf3); --cpx-error: var(--vscode-errorForeground, #f85149); } }
.lane { fill: currentColor; fill-opacity: 0.04; stroke: currentColor; stroke-opacity: 0.25; }
.lane.unresolved { stroke-dasharray: 4 3; }
.lane-label, .column-label, .node text, .link-label { fill: currentColor; }
.lane-label, .column-label { font-weight: 600; }
.muted { fill-opacity: 0.65; font-size: 10px; }
.node rect { fill: var(--vscode-editor-background, Canvas); stroke: currentColor; stroke-width: 1.2; }
.node.broken rect, .link.broken path { stroke: var(--cpx-error); }
.link path { fill: none; stroke: currentColor; stroke-opacity: 0.7; stroke-width: 1.4; }
.link.reads path { stroke-dasharray: 2 3; }
.link.broken path { stroke-opacity: 1; stroke-width: 2; stroke-dasharray: 7 4; }
.link.broken .link-label, .node.broken .rules { fill: var(--cpx-error); font-weight: 600; }
.arrow { fill: currentColor; }
.arrow.broken { fill: var(--cpx-error); }
[data-start] { cursor: pointer; }
`;

interface Box {
  readonly x: number;
  readonly y: number;
}

export interface SvgOptions {
  /** Put on the `<style>` element, for pages whose Content-Security-Policy allows styles by nonce. */
  readonly styleNonce?: string;
}

export function renderAccountMapSvg(map: AccountMap, options: SvgOptions = {}): string {
  // Each lane is as tall as its most crowded cell.
  const rowsPerLane = map.lanes.map((_, lane) => Math.max(1, ...map.nodes.filter((node) => node.lane === lane).map((node) => node.row + 1)));
  const laneTops: number[] = [];
  let y = COLUMN_HEADER;
  for (const rows of rowsPerLane) {
    laneTops.push(y);
    y += rows * (BOX_HEIGHT + ROW_GAP) - ROW_GAP + 2 * LANE_PADDING;
  }
  const width = LANE_HEADER + map.columns.length * COLUMN_WIDTH;
  const height = y + 8;
  const boxes = new Map<string, Box>(map.nodes.map((node) => [node.id, {
    x: LANE_HEADER + node.column * COLUMN_WIDTH + (COLUMN_WIDTH - BOX_WIDTH) / 2,
    y: laneTops[node.lane] + LANE_PADDING + node.row * (BOX_HEIGHT + ROW_GAP),
  }]));

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(`Account map of ${map.title}`)}">`,
    `<style${options.styleNonce ? ` nonce="${escape(options.styleNonce)}"` : ''}>${STYLE}</style>`,
    '<defs>',
    marker('arrow', 'arrow'),
    marker('arrow-broken', 'arrow broken'),
    '</defs>',
  ];
  map.columns.forEach((column, i) => {
    out.push(`<text class="column-label" x="${LANE_HEADER + i * COLUMN_WIDTH + COLUMN_WIDTH / 2}" y="${COLUMN_HEADER - 14}" text-anchor="middle" data-start="${column.start}" data-end="${column.end}">${escape(truncate(column.label))}</text>`);
  });
  map.lanes.forEach((lane, i) => {
    const top = laneTops[i];
    const laneHeight = (laneTops[i + 1] ?? y) - top - 6;
    out.push(`<g class="lane-group"><rect class="lane${lane.unresolved ? ' unresolved' : ''}" x="4" y="${top}" width="${width - 8}" height="${laneHeight}" rx="6"/>`);
    out.push(`<text class="lane-label" x="14" y="${top + 22}">${escape(truncate(lane.label, 20))}</text>`);
    const note = lane.pipelineAccount ? 'pipeline account' : lane.unresolved ? 'unresolved account' : lane.label === lane.id ? 'account' : lane.id;
    out.push(`<text class="lane-label muted" x="14" y="${top + 38}">${escape(note)}</text></g>`);
  });
  for (const link of map.links) out.push(renderLink(link, boxes));
  for (const node of map.nodes) out.push(renderNode(node, boxes.get(node.id) as Box));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function renderNode(node: MapNode, box: Box): string {
  const broken = node.broken.length > 0;
  return [
    `<g class="node ${node.kind}${broken ? ' broken' : ''}" data-start="${node.start}" data-end="${node.end}">`,
    `<title>${escape(`${KIND_CAPTION[node.kind]}: ${node.label}${broken ? ` (${node.broken.join(', ')})` : ''}`)}</title>`,
    `<rect x="${box.x}" y="${box.y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="5"/>`,
    `<text class="muted" x="${box.x + 8}" y="${box.y + 14}">${escape(KIND_CAPTION[node.kind])}</text>`,
    broken ? `<text class="rules muted" x="${box.x + BOX_WIDTH - 6}" y="${box.y + 14}" text-anchor="end">${escape(node.broken.join(' '))}</text>` : '',
    `<text x="${box.x + 8}" y="${box.y + 31}">${escape(truncate(node.label))}</text>`,
    '</g>',
  ].filter(Boolean).join('');
}

/** A curve between box edges: sideways between columns, up or down within one. */
function renderLink(link: MapLink, boxes: ReadonlyMap<string, Box>): string {
  const from = boxes.get(link.from) as Box;
  const to = boxes.get(link.to) as Box;
  let d: string;
  let mid: Box;
  if (from.x === to.x) {
    const down = to.y > from.y;
    const x1 = from.x + BOX_WIDTH / 2 + (down ? 20 : -20);
    const y1 = down ? from.y + BOX_HEIGHT : from.y;
    const y2 = down ? to.y : to.y + BOX_HEIGHT;
    d = `M${x1},${y1} L${x1},${y2}`;
    mid = { x: x1 + 6, y: (y1 + y2) / 2 + 4 };
  } else {
    const right = to.x > from.x;
    const x1 = right ? from.x + BOX_WIDTH : from.x;
    const x2 = right ? to.x : to.x + BOX_WIDTH;
    const y1 = from.y + BOX_HEIGHT / 2;
    const y2 = to.y + BOX_HEIGHT / 2;
    const bend = (x2 - x1) / 2;
    d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    // Labels sit near the arrow's end, where curves sharing a source or a target do not cross.
    const t = 0.8;
    const along = (a: number, b: number, c: number, e: number): number => Math.round((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * e);
    mid = { x: along(x1, x1 + bend, x2 - bend, x2), y: along(y1, y1, y2, y2) - 5 };
  }
  const broken = link.broken.length > 0;
  // Every action reads artifacts: only a broken read is worth a label.
  const caption = broken ? link.broken.join(' ') : link.kind === 'reads' ? '' : LINK_CAPTION[link.kind];
  return [
    `<g class="link ${link.kind}${broken ? ' broken' : ''}" data-start="${link.start}" data-end="${link.end}">`,
    `<title>${escape(`${LINK_CAPTION[link.kind]}${broken ? `: broken (${link.broken.join(', ')})` : ''}`)}</title>`,
    `<path d="${d}" marker-end="url(#arrow${broken ? '-broken' : ''})"/>`,
    caption ? `<text class="link-label${broken ? '' : ' muted'}" x="${mid.x}" y="${mid.y}"${from.x === to.x ? '' : ' text-anchor="middle"'}>${escape(caption)}</text>` : '',
    '</g>',
  ].join('');
}

function marker(id: string, className: string): string {
  return `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="${className}" d="M0,0 L10,5 L0,10 z"/></marker>`;
}

function truncate(text: string, max = MAX_LABEL): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
