import { readFileSync } from 'node:fs';
import { fileFinding, LineIndex, RULES, Workspace, type Finding } from '../core';
import { positionFindings, regionOf, type FileReport, type Region } from './report';

/** A role ARN or an import in one file, and the definitions it was linked to in others. */
export interface LinkReport {
  readonly kind: 'role' | 'export';
  readonly file: string;
  readonly region: Region;
  readonly reference: string;
  readonly targets: readonly { readonly file: string; readonly region: Region }[];
}

/** Every file of one run is one workspace: a pipeline is checked against the roles and exports of the others. */
export function lintFiles(files: readonly string[], parameterValues: ReadonlyMap<string, string>, maxLength: number | undefined): { reports: FileReport[]; links: LinkReport[] } {
  const workspace = new Workspace({ rules: RULES, parameterValues, maxLength });
  const texts = new Map<string, string>();
  const unreadable = new Map<string, FileReport>();
  for (const file of files) {
    try {
      const text = readFileSync(file, 'utf8');
      texts.set(file, text);
      workspace.load(file, text);
    } catch (error) {
      const finding: Finding = fileFinding('unreadable', { reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      unreadable.set(file, { file, kind: 'unreadable', findings: positionFindings('', [finding]) });
    }
  }
  const textOf = (file: string): string => texts.get(file) ?? '';
  const reports = files.map((file) => {
    const failed = unreadable.get(file);
    if (failed) return failed;
    const result = workspace.lint(file);
    return { file, kind: result.model?.kind ?? 'none', findings: positionFindings(textOf(file), result.findings, textOf) };
  });
  const indexes = new Map<string, LineIndex>();
  const region = (file: string, start: number, end: number): Region => {
    let index = indexes.get(file);
    if (!index) indexes.set(file, index = new LineIndex(textOf(file)));
    return regionOf(index, start, end);
  };
  const links = workspace.links().map((link): LinkReport => ({
    kind: link.kind, file: link.fileName, region: region(link.fileName, link.node.start, link.node.end), reference: link.reference,
    targets: link.targets.map((target) => ({ file: target.fileName, region: region(target.fileName, target.start, target.end) })),
  }));
  return { reports, links };
}

/** `file:line  reference → file:line`, one line per target, after the findings. */
export function formatLinks(links: readonly LinkReport[]): string {
  const lines = ['', `Links (${links.length}):`];
  for (const link of links) {
    for (const target of link.targets) {
      lines.push(`  ${link.file}:${link.region.startLine}  ${link.reference.replace(/\s+/g, ' ')}  ->  ${target.file}:${target.region.startLine}${link.kind === 'export' ? ' (export)' : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}
