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
  /** `file` is set when the place is in another file of the run. */
  readonly related: readonly { readonly message: string; readonly region: Region; readonly file?: string }[];
}

/** `textOf` gives the text of the other files that related places point into. */
export function positionFindings(text: string, findings: readonly Finding[], textOf: (file: string) => string = () => ''): PositionedFinding[] {
  if (findings.length === 0) return [];
  const index = new LineIndex(text);
  return findings.map((finding) => ({
    finding,
    region: regionOf(index, finding.start, finding.end),
    related: finding.related.map((item) => (item.fileName === undefined
      ? { message: item.message, region: regionOf(index, item.start, item.end) }
      : { message: item.message, region: regionOf(new LineIndex(textOf(item.fileName)), item.start, item.end), file: item.fileName })),
  }));
}

export function regionOf(index: LineIndex, start: number, end: number): Region {
  const from = index.position(start);
  const to = index.position(end);
  return { startLine: from.line + 1, startColumn: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
}
