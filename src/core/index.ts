/** The editor-free core: text in, findings and fixes out. */
import { lint, type LintResult } from './engine/run';
import type { SeverityOverride } from './engine/suppressions';
import { RULES } from './rules';

export { RULES, RULES_BY_ID } from './rules';
export { lint, lintSource, runRules, fileFinding, DEFAULT_MAX_LENGTH, type LintOptions, type LintResult } from './engine/run';
export type { Finding, Fix, RelatedInformation, Rule, RuleMeta, Severity, TextEdit } from './engine/types';
export { LineIndex } from './engine/positions';
export { hoverAt, type HoverInfo } from './engine/hover';
export { suppressionFixes, type SeverityOverride } from './engine/suppressions';
export { renderFix } from './fixes/render';
export { applyEdits, combineFixes } from './fixes/render';
export { parseSource, detectFormat } from './source';
export { Workspace, type WorkspaceOptions, type WorkspaceLink, type DefinedRole, type DefinedExport } from './workspace';
export { roleStackTargets, roleStackTemplate, type RoleStackTarget, type RoleStackUse } from './workspace/role-stack';
export { scanInto, type ScanFile, type ScanOptions, type ScanOutcome } from './workspace/scan';
export { buildModel } from './model/build';
export { mightBeOurs } from './model/kinds';
export { isSamConfigFile, parseParameterFile, type ParameterFileOptions } from './model/parameters';
export { summarise, type DocumentSummary } from './model/summary';
export { buildAccountMap, type AccountMap, type AccountMapOptions, type MapLane, type MapLink, type MapNode as AccountMapNode } from './map/layout';
export { renderAccountMapSvg, type SvgOptions } from './map/svg';
export type { DocumentKind } from './model/kinds';
export type { DocumentModel } from './model/types';

export interface LintTextOptions {
  readonly fileName: string;
  readonly parameterValues?: ReadonlyMap<string, string>;
  readonly maxLength?: number;
  readonly severityOverrides?: ReadonlyMap<string, SeverityOverride>;
}

/** Where a rule's documentation lives, relative to the package root. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** Lints one file with the whole catalogue. */
export function lintText(text: string, options: LintTextOptions): LintResult {
  return lint(text, { ...options, rules: RULES });
}
