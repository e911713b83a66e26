import type { FileReport } from './report';

const LABEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** ESLint's familiar layout: a block per file, `line:column  severity  message  rule`. */
export function formatStylish(reports: readonly FileReport[], color: boolean): string {
  const paint = (code: string, text: string): string => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    lines.push('', paint('4', report.file));
    for (const { finding, region } of report.findings) {
      counts[finding.severity]++;
      const severity = finding.severity === 'error' ? paint('31', LABEL.error) : finding.severity === 'warning' ? paint('33', LABEL.warning) : paint('36', LABEL.info);
      lines.push(`  ${`${region.startLine}:${region.startColumn}`.padEnd(8)} ${severity.padEnd(color ? 16 : 7)}  ${finding.message}  ${paint('2', finding.ruleId)}`);
    }
  }
  const total = counts.error + counts.warning + counts.info;
  lines.push('');
  lines.push(total === 0
    ? `No problems in ${reports.length} file${reports.length === 1 ? '' : 's'}.`
    : `${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info} note${counts.info === 1 ? '' : 's'}) in ${reports.length} file${reports.length === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}
