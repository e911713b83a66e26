import { pathToFileURL } from 'node:url';
import { relative, resolve } from 'node:path';
import { RULES, type Rule, type Severity } from '../core';
import type { FileReport, Region } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, the format code-scanning services read; ruleId is the catalogue id. */
export function formatSarif(reports: readonly FileReport[], version: string, docUri: (rule: Rule) => string): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.id, index]));
  const base = pathToFileURL(resolve('.') + '/').href;
  const location = (file: string, region: Region) => ({
    physicalLocation: {
      artifactLocation: { uri: relative('.', file).split('\\').join('/'), uriBaseId: 'SRCROOT' },
      region,
    },
  });
  const results = reports.flatMap((report) => report.findings.map(({ finding, region, related }) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location(report.file, region)],
    ...(related.length > 0 ? {
      relatedLocations: related.map((item, id) => ({ id, ...location(item.file ?? report.file, item.region), message: { text: item.message } })),
    } : {}),
  })));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cpx-lint',
          version,
          rules: RULES.map((rule) => ({
            id: rule.meta.id,
            name: rule.meta.title,
            shortDescription: { text: rule.meta.title },
            fullDescription: { text: rule.meta.description },
            helpUri: docUri(rule),
            defaultConfiguration: { level: LEVEL[rule.meta.severity] },
          })),
        },
      },
      originalUriBaseIds: { SRCROOT: { uri: base } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
