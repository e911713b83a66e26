import { locate, type Path, type SourceDocument, type Span } from '../source';
import { buildModel } from '../model/build';
import { looksLikeOurs, mightBeOurs } from '../model/kinds';
import { arnAlternatives, templatePathInArtifact, type ArnAlternative } from '../model/roles';
import { evaluateString, type StringAlternative } from '../model/evaluate';
import { compare } from '../model/resolved';
import type { ActionModel, DocumentModel, Field } from '../model/types';
import { renderFix } from '../fixes/render';
import type { Finding, RelatedInformation, RoleDefinition, Rule, RuleContext, ReportDescriptor, Target } from './types';
import type { Part } from '../model/evaluate';
import { roleDeclaredByName, templateRole } from '../model/policy';
import { parseSource, detectFormat } from '../source';
import type { Node } from '../source';
import { rule as FILE_RULE } from '../rules/CPX-F01';
import { applySeverityOverrides, isSuppressed, type SeverityOverride } from './suppressions';

export interface LintOptions {
  readonly fileName: string;
  /** Parameter values by name (`AWS::AccountId` names the pipeline's account). */
  readonly parameterValues?: ReadonlyMap<string, string>;
  readonly rules: readonly Rule[];
  /** Longer texts are reported and skipped (CloudFormation itself stops at 1 MB). */
  readonly maxLength?: number;
  /** Severities chosen by the user per rule id; `off` drops the rule. */
  readonly severityOverrides?: ReadonlyMap<string, SeverityOverride>;
  /** The other files a workspace knows: their templates, roles and exports. */
  readonly workspace?: WorkspaceLookups;
}

export interface WorkspaceLookups {
  readonly templates: TemplateLookup;
  /** Role definitions in other files by the ARN that names them. */
  readonly roles: RoleLookup;
  readonly exports: ReadonlyMap<string, string>;
  /** The file a template found by `templates` came from, to point at places in it. */
  readonly fileOf: (model: DocumentModel) => string | undefined;
}

export const DEFAULT_MAX_LENGTH = 4 * 1024 * 1024;

export interface LintResult {
  readonly model: DocumentModel | undefined;
  readonly findings: Finding[];
}

/** text → source → model → rules → findings. Files that are not ours cost one regular expression. */
export function lint(text: string, options: LintOptions): LintResult {
  // Binary files are never templates; a NUL in the first bytes is the cheapest sign.
  if (text.slice(0, 8192).includes('\u0000') || !mightBeOurs(text)) return { model: undefined, findings: [] };
  const limit = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > limit) {
    const finding = fileFinding('tooLarge', { size: String(text.length), limit: String(limit) });
    return { model: undefined, findings: [finding] };
  }
  const source = parseSource(text, detectFormat(options.fileName, text));
  return lintSource(source, options);
}

export function lintSource(source: SourceDocument, options: LintOptions): LintResult {
  if (source.root === undefined && !looksLikeOurs(source.text)) return { model: undefined, findings: [] };
  const model = buildModel(source, { parameterValues: options.parameterValues, exports: options.workspace?.exports });
  if (source.root !== undefined && model.kind === 'none') return { model, findings: [] };
  const { workspace } = options;
  const own = sameDocument(options.fileName, model);
  const templates: TemplateLookup = workspace ? (path) => own(path) ?? workspace.templates(path) : own;
  const findings = runRules(model, options.rules, templates, workspace?.roles, workspace?.fileOf).filter((finding) => !isSuppressed(model, finding));
  return { model, findings: applySeverityOverrides(findings, options.severityOverrides ?? new Map()) };
}

/** Finds a template by its path inside an artifact (`template.yaml` of `BuildOutput::template.yaml`). */
export type TemplateLookup = (pathInArtifact: string) => DocumentModel | undefined;

/**
 * Linting one file, the only template at hand is the file itself: a pipeline that deploys
 * its own template (the artifact path is a suffix of the file's path). A workspace can
 * hand `runRules` a lookup over every template it knows.
 */
function sameDocument(fileName: string, model: DocumentModel): TemplateLookup {
  const ownPath = `/${fileName.replace(/\\/g, '/')}`;
  return (pathInArtifact) => {
    const wanted = pathInArtifact.replace(/^\.?\/+/, '');
    return model.kind === 'template' && wanted !== '' && ownPath.endsWith(`/${wanted}`) ? model : undefined;
  };
}

const NO_TEMPLATES: TemplateLookup = () => undefined;

/** The roles of other files that a role ARN names (the file's own roles are looked up first). */
export type RoleLookup = (arn: readonly Part[]) => readonly RoleDefinition[];

const NO_ROLES: RoleLookup = () => [];

/** A role of this template, by `Fn::GetAtt` or by the path and name its ARN gives, before any other file's. */
function ownRole(model: DocumentModel, arn: readonly Part[]): RoleDefinition[] {
  const role = templateRole(arn, model) ?? roleDeclaredByName(arn, model);
  return role ? [{ fileName: undefined, model, role }] : [];
}

export function runRules(model: DocumentModel, rules: readonly Rule[], templates: TemplateLookup = NO_TEMPLATES, roles: RoleLookup = NO_ROLES, fileOf: (model: DocumentModel) => string | undefined = () => undefined): Finding[] {
  const findings: Finding[] = [];
  const arnCache = new Map<Node, readonly ArnAlternative[]>();
  const valueCache = new Map<Node, readonly StringAlternative[]>();
  const derivedCache = new Map<(model: DocumentModel) => unknown, unknown>();
  const roleCache = new Map<string, readonly RoleDefinition[]>();
  const roleByParts = new WeakMap<readonly Part[], readonly RoleDefinition[]>();
  const deployedTemplate = (action: ActionModel): DocumentModel | undefined => {
    const path = templatePathInArtifact(action, model.scope);
    return path ? templates(path) : undefined;
  };
  for (const rule of rules) {
    const context: RuleContext = {
      model,
      report: (descriptor) => findings.push(toFinding(model, rule, descriptor)),
      arns: (field: Field | undefined) => {
        if (!field) return arnAlternatives(undefined, model.scope);
        let cached = arnCache.get(field.node);
        if (!cached) {
          cached = arnAlternatives(field, model.scope);
          arnCache.set(field.node, cached);
        }
        return cached;
      },
      compareAccounts: (a, b) => compare(a, b, model.pipelineAccountId),
      compareRegions: (a, b) => compare(a, b, model.pipelineRegion),
      values: (field: Field | undefined) => {
        if (!field) return evaluateString(undefined, model.scope);
        let cached = valueCache.get(field.node);
        if (!cached) {
          cached = evaluateString(field.node, model.scope);
          valueCache.set(field.node, cached);
        }
        return cached;
      },
      derived: <T>(compute: (model: DocumentModel) => T): T => {
        if (!derivedCache.has(compute)) derivedCache.set(compute, compute(model));
        return derivedCache.get(compute) as T;
      },
      deployedTemplate,
      fileOf: (other) => (other === model ? undefined : fileOf(other)),
      roleDefinitions: (arn) => {
        // Every action of every cross-file rule asks about the same few roles, usually with the
        // very parts `values` cached, so identity answers before the written form is compared.
        let definitions = roleByParts.get(arn);
        if (definitions) return definitions;
        const key = JSON.stringify(arn);
        definitions = roleCache.get(key);
        if (!definitions) {
          const own = ownRole(model, arn);
          definitions = own.length > 0 ? own : roles(arn);
          roleCache.set(key, definitions);
        }
        roleByParts.set(arn, definitions);
        return definitions;
      },
    };
    rule.check(context);
  }
  return findings.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
}

/** A finding about the file as a whole (too large, unreadable), reported on its first character. */
export function fileFinding(messageId: 'tooLarge' | 'unreadable', data: Readonly<Record<string, string>>): Finding {
  const rule = FILE_RULE;
  return {
    ruleId: rule.meta.id, severity: rule.meta.severity, message: fillPlaceholders(rule.meta.messages[messageId], data),
    start: 0, end: 0, path: undefined, related: [], fixes: [],
  };
}

function toFinding(model: DocumentModel, rule: Rule, descriptor: ReportDescriptor): Finding {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) throw new Error(`${rule.meta.id} reported undeclared message '${descriptor.messageId}'`);
  if (descriptor.fixes?.length && !rule.meta.fixable) throw new Error(`${rule.meta.id} offered a fix but is not declared fixable`);
  const { span, path } = resolveTarget(model.source, descriptor.target);
  const related: RelatedInformation[] = (descriptor.related ?? []).map((item) => (item.target.fileName === undefined
    ? { ...resolveTarget(model.source, item.target).span, message: item.message }
    : { ...('span' in item.target ? item.target.span : { start: item.target.field.node.start, end: item.target.field.node.end }), message: item.message, fileName: item.target.fileName }));
  const fixes = (descriptor.fixes ?? []).flatMap((fix) => renderFix(model.source, fix) ?? []);
  return {
    ruleId: rule.meta.id,
    severity: descriptor.severity ?? rule.meta.severity,
    message: fillPlaceholders(template, descriptor.data ?? {}),
    start: span.start,
    end: span.end,
    path,
    related,
    fixes,
  };
}

function resolveTarget(source: SourceDocument, target: Target): { span: Span; path: Path | undefined } {
  if ('span' in target) return { span: target.span, path: target.path };
  const { field } = target;
  if (target.part === 'key') {
    const located = locate(source.root, field.path);
    if (located?.key) return { span: located.key, path: field.path };
  }
  return { span: { start: field.node.start, end: field.node.end }, path: field.path };
}

function fillPlaceholders(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => data[name] ?? match);
}
