import { get, isMap, isSeq, scalarText, type Path } from '../source';
import type { DocumentModel, ResourceModel } from '../model/types';
import type { FixData, FixDescriptor, FixIntent, FixValue } from '../fixes/intents';
import type { Finding, Severity } from './types';

/**
 * Two ways to silence a finding, both honoured by every front end:
 * - on a template resource: `Metadata: {cpx-lint: {ignore: [CPX-R01]}}`;
 * - on a YAML line: `# cpx-lint-disable-line CPX-R01` at its end, or
 *   `# cpx-lint-disable-next-line CPX-R01` on the line above (no ids: every rule).
 */
export const METADATA_KEY = 'cpx-lint';
const DIRECTIVE = /#\s*cpx-lint-disable-(next-line|line)\b([^\n#]*)/;

export function isSuppressed(model: DocumentModel, finding: Finding): boolean {
  return ignoredByResource(model, finding) || ignoredByComment(model.source.text, finding);
}

/** The template resource a finding's path lies in. */
function resourceOf(model: DocumentModel, path: Path | undefined): ResourceModel | undefined {
  if (model.kind !== 'template' || !path || path[0] !== 'Resources' || typeof path[1] !== 'string') return undefined;
  return model.resources.get(path[1]);
}

function ignoredByResource(model: DocumentModel, finding: Finding): boolean {
  const ignore = get(get(get(resourceOf(model, finding.path)?.node, 'Metadata'), METADATA_KEY), 'ignore');
  return isSeq(ignore) && ignore.items.some((item) => scalarText(item) === finding.ruleId);
}

function ignoredByComment(text: string, finding: Finding): boolean {
  if (!text.includes('cpx-lint-disable')) return false;
  const lineStart = text.lastIndexOf('\n', finding.start - 1) + 1;
  const lineEnd = text.indexOf('\n', finding.start);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const previousStart = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : -1;
  const previous = previousStart >= 0 ? text.slice(previousStart, lineStart - 1) : '';
  return names(DIRECTIVE.exec(line), 'line', finding.ruleId) || names(DIRECTIVE.exec(previous), 'next-line', finding.ruleId);
}

function names(match: RegExpExecArray | null, kind: 'line' | 'next-line', ruleId: string): boolean {
  if (!match || match[1] !== kind) return false;
  const ids = match[2].split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 || ids.includes(ruleId);
}

/** The fixes that add a suppression for this finding, where the file can hold one. */
export function suppressionFixes(model: DocumentModel, finding: Finding): FixDescriptor[] {
  const fixes: FixDescriptor[] = [];
  const resource = resourceOf(model, finding.path);
  const intent = resource ? metadataIntent(resource, finding.ruleId) : undefined;
  if (resource && intent) fixes.push({ title: `Suppress ${finding.ruleId} for ${resource.logicalId}`, preferred: false, intents: [intent] });
  if (model.source.format === 'yaml') {
    fixes.push({
      title: `Suppress ${finding.ruleId} for this line`, preferred: false,
      intents: [{ kind: 'comment-above', at: finding, text: `cpx-lint-disable-next-line ${finding.ruleId}` }],
    });
  }
  return fixes;
}

/** The smallest change that lists the rule under the resource's `Metadata.cpx-lint.ignore`. */
function metadataIntent(resource: ResourceModel, ruleId: string): FixIntent | undefined {
  const data = (value: FixData): FixValue => ({ kind: 'data', value });
  const metadata = get(resource.node, 'Metadata');
  if (!isMap(metadata)) return { kind: 'set-entry', map: resource, key: 'Metadata', value: data({ [METADATA_KEY]: { ignore: [ruleId] } }) };
  const path = [...resource.path, 'Metadata'];
  const own = get(metadata, METADATA_KEY);
  if (!isMap(own)) return { kind: 'set-entry', map: { node: metadata, path }, key: METADATA_KEY, value: data({ ignore: [ruleId] }) };
  const ignore = get(own, 'ignore');
  if (isSeq(ignore) && ignore.items.some((item) => scalarText(item) === ruleId)) return undefined;
  if (isSeq(ignore)) return { kind: 'append-item', seq: { node: ignore, path: [...path, METADATA_KEY, 'ignore'] }, value: data(ruleId) };
  return ignore ? undefined : { kind: 'set-entry', map: { node: own, path: [...path, METADATA_KEY] }, key: 'ignore', value: data([ruleId]) };
}

export type SeverityOverride = Severity | 'off';

/** Per-rule severities chosen by the user; `off` drops the rule's findings. */
export function applySeverityOverrides(findings: readonly Finding[], overrides: ReadonlyMap<string, SeverityOverride>): Finding[] {
  if (overrides.size === 0) return [...findings];
  return findings.flatMap((finding) => {
    const override = overrides.get(finding.ruleId);
    if (override === undefined) return [finding];
    return override === 'off' ? [] : [{ ...finding, severity: override }];
  });
}
