import { LineIndex, type Finding } from '../core';

/** One linted file, with positions computed once for every output format. */
export interface FileReport {
  readonly file: string;
  readonly kind: string;
  readonly findings: readonly PositionedFinding[];
}

/** 1-based lines and columns, as editors and SARIF count them. */
export interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface PositionedFinding {
  readonly finding: Finding;
  readonly region: Region;
  readonly related: readonly { readonly message: string; readonly region: Region }[];
}

export function positionFindings(text: string, findings: readonly Finding[]): PositionedFinding[] {
  if (findings.length === 0) return [];
  const index = new LineIndex(text);
  const region = (start: number, end: number): Region => {
    const from = index.position(start);
    const to = index.position(end);
    return { startLine: from.line + 1, startColumn: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
  };
  return findings.map((finding) => ({
    finding,
    region: region(finding.start, finding.end),
    related: finding.related.map((item) => ({ message: item.message, region: region(item.start, item.end) })),
  }));
}
