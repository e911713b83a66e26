import { get, getEntry, isMap, scalarText, type Node, type Span } from '../source';
import { detectFormat, parseSource } from '../source';
import { buildModel } from '../model/build';
import { mightBeOurs } from '../model/kinds';
import { evaluateString } from '../model/evaluate';
import { plainText, roleKeyOfArn, roleKeyOfResource } from '../model/role-keys';
import { roleFields, templatePathInArtifact } from '../model/roles';
import { actions } from '../rules/support';
import type { DocumentModel } from '../model/types';
import { DEFAULT_MAX_LENGTH, lint, lintSource, type LintResult, type WorkspaceLookups } from '../engine/run';
import type { RoleDefinition, Rule } from '../engine/types';
import type { SeverityOverride } from '../engine/suppressions';

/**
 * Many files linted as one: a pipeline in one account and the roles it names in templates of
 * other accounts. Templates are account-agnostic, so a role is indexed by `role/<path><name>` and
 * placed in whatever account the ARN naming it gives. Nothing here needs configuration; where two
 * files define the same role the rules are told both and decide nothing (CPX-U01 says so).
 */
export interface WorkspaceOptions {
  readonly rules: readonly Rule[];
  readonly parameterValues?: ReadonlyMap<string, string>;
  readonly maxLength?: number;
  readonly severityOverrides?: ReadonlyMap<string, SeverityOverride>;
}

export interface DefinedRole extends RoleDefinition {
  readonly fileName: string;
  /** `role/<path><name>`, the part of the ARN after the account. */
  readonly key: string;
}

export interface DefinedExport extends Span {
  readonly fileName: string;
  readonly name: string;
  readonly value: string;
}

/** A reference in one file resolved to a definition in another. */
export interface WorkspaceLink {
  readonly kind: 'role' | 'export';
  readonly fileName: string;
  readonly node: Node;
  /** The role ARN as written, or the export name. */
  readonly reference: string;
  readonly targets: readonly ({ readonly fileName: string } & Span)[];
}

/** A role a file defines, kept without its file's model. */
interface RoleFact extends Span {
  readonly fileName: string;
  readonly key: string;
  readonly logicalId: string;
}

/**
 * What the index keeps of a file: its text and what links it to others. Models are about ten
 * times the size of their text, so only the recently used ones are kept (`models`), and a file's
 * model is built again from its text when a lint needs it.
 */
interface Entry {
  readonly text: string;
  /** Undefined for a file the lint gates skip (binary, not ours, too large). */
  readonly kind: DocumentModel['kind'] | undefined;
  readonly roles: readonly RoleFact[];
  readonly exports: readonly DefinedExport[];
  /** Role keys its role fields name, the export names it imports, and the template paths it deploys. */
  readonly roleReferences: ReadonlySet<string>;
  readonly imports: ReadonlySet<string>;
  readonly templatePaths: ReadonlySet<string>;
}

/** Models kept at once: every file a few lints touch, without holding a large workspace's trees. */
const MODELS_KEPT = 256;

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  /** Recently used models by file, least recent first. */
  private readonly models = new Map<string, DocumentModel>();
  private index: { roles: Map<string, RoleFact[]>; exports: Map<string, DefinedExport[]> } | undefined;

  constructor(private readonly options: WorkspaceOptions) {}

  /**
   * Adds or replaces a file; the same text again costs nothing. Returns the other files whose
   * findings may change: those that depended on the old text, and those that depend on the new.
   */
  set(fileName: string, text: string): string[] {
    if (this.entries.get(fileName)?.text === text) return [];
    const before = this.dependentsOf(fileName);
    this.load(fileName, text);
    return [...new Set([...before, ...this.dependentsOf(fileName)])];
  }

  /** Adds or replaces a file without working out its dependents: for a first scan, which re-lints everything open anyway. */
  load(fileName: string, text: string): void {
    if (this.entries.get(fileName)?.text === text) return;
    const { entry, model } = indexFile(fileName, text, this.options);
    this.entries.set(fileName, entry);
    this.models.delete(fileName);
    if (model) this.keep(fileName, model);
    this.index = undefined;
  }

  /** Removes a file; returns the files that depended on it. */
  delete(fileName: string): string[] {
    const before = this.dependentsOf(fileName);
    if (this.entries.delete(fileName)) this.index = undefined;
    this.models.delete(fileName);
    return before;
  }

  get fileNames(): string[] {
    return [...this.entries.keys()];
  }

  /** The file's model, built again from its text if it was let go; undefined for a file the lint gates skip. */
  model(fileName: string): DocumentModel | undefined {
    const entry = this.entries.get(fileName);
    if (!entry?.kind) return undefined;
    const kept = this.models.get(fileName);
    if (kept) {
      // Most recently used last.
      this.models.delete(fileName);
      this.models.set(fileName, kept);
      return kept;
    }
    const model = buildModel(parseSource(entry.text, detectFormat(fileName, entry.text)), { parameterValues: this.options.parameterValues });
    this.keep(fileName, model);
    return model;
  }

  private keep(fileName: string, model: DocumentModel): void {
    this.models.set(fileName, model);
    if (this.models.size > MODELS_KEPT) this.models.delete(this.models.keys().next().value as string);
  }

  /** The text a file was indexed with: what its offsets (findings, related places, fixes) point into. */
  text(fileName: string): string | undefined {
    return this.entries.get(fileName)?.text;
  }

  /** Every definition of `role/<path><name>` in the workspace. */
  rolesByKey(key: string): readonly DefinedRole[] {
    return (this.built().roles.get(key) ?? []).flatMap((fact): DefinedRole[] => {
      const model = this.model(fact.fileName);
      const role = model?.typed.roles.find((candidate) => candidate.logicalId === fact.logicalId);
      return model && role ? [{ fileName: fact.fileName, key, model, role }] : [];
    });
  }

  exportsByName(name: string): readonly DefinedExport[] {
    return this.built().exports.get(name) ?? [];
  }

  /** Files whose findings may change when this one does: they name a role it defines, import what it exports, or deploy it. */
  dependentsOf(fileName: string): string[] {
    const entry = this.entries.get(fileName);
    if (!entry) return [];
    const roles = new Set(entry.roles.map((role) => role.key));
    const exports = new Set(entry.exports.map((exported) => exported.name));
    const path = `/${fileName.replace(/\\/g, '/')}`;
    return [...this.entries].filter(([name, other]) => name !== fileName
      && ([...other.roleReferences].some((key) => roles.has(key)) || [...other.imports].some((imported) => exports.has(imported))
        || [...other.templatePaths].some((deployed) => path.endsWith(`/${deployed}`))))
      .map(([name]) => name);
  }

  /** Lints a file against the others; severities may be given per lint, as they change nothing the index holds. */
  lint(fileName: string, severityOverrides = this.options.severityOverrides): LintResult {
    const entry = this.entries.get(fileName);
    if (!entry) return { model: undefined, findings: [] };
    const options = { ...this.options, severityOverrides, fileName, workspace: this.lookups(fileName) };
    // The index already parsed the text; a file it gated (binary, not ours, too large) goes through the same gates again.
    const model = this.model(fileName);
    return model ? lintSource(model.source, options) : lint(entry.text, options);
  }

  /** Role fields resolved to role definitions in other files, and imports to exports, in file order. */
  links(): WorkspaceLink[] {
    return this.fileNames.flatMap((fileName) => this.linksOf(fileName));
  }

  /** The links of one file, in text order: what "go to definition" follows. */
  linksOf(fileName: string): WorkspaceLink[] {
    const entry = this.entries.get(fileName);
    // Most files name no role and import nothing: their model is not needed.
    if (!entry || (entry.roleReferences.size === 0 && entry.imports.size === 0)) return [];
    const model = this.model(fileName);
    if (!model) return [];
    const links: WorkspaceLink[] = [];
    const seen = new Set<Node>();
    for (const { field } of roleFields(model)) {
      if (seen.has(field.node)) continue;
      seen.add(field.node);
      const keys = new Set(evaluateString(field.node, model.scope).flatMap((alternative) => roleKeyOfArn(alternative.value) ?? []));
      const targets = [...keys].flatMap((key) => this.built().roles.get(key) ?? []).filter((role) => role.fileName !== fileName);
      if (targets.length > 0) {
        links.push({ kind: 'role', fileName, node: field.node, reference: model.source.text.slice(field.node.start, field.node.end), targets: targets.map(({ fileName: target, start, end }) => ({ fileName: target, start, end })) });
      }
    }
    for (const { name, node } of importsOf(model)) {
      const targets = this.exportsByName(name).filter((exported) => exported.fileName !== fileName);
      if (targets.length > 0) links.push({ kind: 'export', fileName, node, reference: name, targets: targets.map(({ fileName: target, start, end }) => ({ fileName: target, start, end })) });
    }
    // Role fields come action by action (the action role, then its CloudFormation role): put them in text order.
    return links.sort((a, b) => a.node.start - b.node.start);
  }

  /** The one template at a path inside an artifact (`template.yaml` of `BuildOutput::template.yaml`), in a file other than `exceptFileName`; none when no file or several match. */
  deployedTemplate(pathInArtifact: string, exceptFileName?: string): { fileName: string; model: DocumentModel } | undefined {
    const wanted = `/${pathInArtifact.replace(/^\.?\/+/, '')}`;
    const found = [...this.entries].filter(([name, entry]) => name !== exceptFileName && entry.kind === 'template' && `/${name.replace(/\\/g, '/')}`.endsWith(wanted));
    const model = found.length === 1 ? this.model(found[0][0]) : undefined;
    return model && { fileName: found[0][0], model };
  }

  private lookups(fileName: string): WorkspaceLookups {
    const exports = new Map<string, string>();
    for (const [name, definitions] of this.built().exports) {
      // An export name is unique in an account and region; two files exporting it leave the import unresolved.
      if (definitions.length === 1 && definitions[0].fileName !== fileName) exports.set(name, definitions[0].value);
    }
    const templates = new Map<string, DocumentModel | undefined>();
    const files = new Map<DocumentModel, string>();
    return {
      exports,
      roles: (arn) => {
        const key = roleKeyOfArn(arn);
        return key ? this.rolesByKey(key).filter((role) => role.fileName !== fileName) : [];
      },
      templates: (pathInArtifact) => {
        // Every rule about the deployed template asks for each action: search the files once per path.
        if (templates.has(pathInArtifact)) return templates.get(pathInArtifact);
        const found = this.deployedTemplate(pathInArtifact, fileName);
        templates.set(pathInArtifact, found?.model);
        if (found) files.set(found.model, found.fileName);
        return found?.model;
      },
      fileOf: (model) => files.get(model),
    };
  }

  private built(): { roles: Map<string, RoleFact[]>; exports: Map<string, DefinedExport[]> } {
    if (this.index) return this.index;
    const roles = new Map<string, RoleFact[]>();
    const exports = new Map<string, DefinedExport[]>();
    for (const entry of this.entries.values()) {
      for (const role of entry.roles) append(roles, role.key, role);
      for (const exported of entry.exports) append(exports, exported.name, exported);
    }
    this.index = { roles, exports };
    return this.index;
  }
}

/** Adds to a list in a map without copying it: a role name shared by many files stays linear. */
function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexFile(fileName: string, text: string, options: WorkspaceOptions): { entry: Entry; model: DocumentModel | undefined } {
  const empty = { text, kind: undefined, roles: [], exports: [], roleReferences: new Set<string>(), imports: new Set<string>(), templatePaths: new Set<string>() };
  // The same gates as `lint`: binary files, files that are not ours, and files too large to lint.
  if (text.slice(0, 8192).includes('\u0000') || !mightBeOurs(text) || text.length > (options.maxLength ?? DEFAULT_MAX_LENGTH)) return { entry: empty, model: undefined };
  const model = buildModel(parseSource(text, detectFormat(fileName, text)), { parameterValues: options.parameterValues });
  if (model.kind === 'none') return { entry: { ...empty, kind: model.kind }, model };
  const roles = model.typed.roles.flatMap((role): RoleFact[] => {
    const key = roleKeyOfResource(role, model);
    return key ? [{ fileName, key, logicalId: role.logicalId, start: role.node.start, end: role.node.end }] : [];
  });
  const roleReferences = new Set([...roleFields(model)].flatMap(({ field }) => evaluateString(field.node, model.scope).flatMap((alternative) => roleKeyOfArn(alternative.value) ?? [])));
  const templatePaths = new Set(actions(model).flatMap(([action]) => templatePathInArtifact(action, model.scope) ?? []));
  const entry = { text, kind: model.kind, roles, exports: exportsOf(fileName, model), roleReferences, imports: new Set(importsOf(model).map((imported) => imported.name)), templatePaths };
  return { entry, model };
}

function exportsOf(fileName: string, model: DocumentModel): DefinedExport[] {
  const outputs = get(model.source.root, 'Outputs');
  if (!isMap(outputs)) return [];
  return outputs.entries.flatMap((output): DefinedExport[] => {
    const name = plainText(get(get(output.value, 'Export'), 'Name'), model);
    const valueEntry = isMap(output.value) ? getEntry(output.value, 'Value') : undefined;
    const value = valueEntry && plainText(valueEntry.value, model);
    return name && value !== undefined && valueEntry ? [{ fileName, name, value, start: valueEntry.value.start, end: valueEntry.value.end }] : [];
  });
}

/** Every `Fn::ImportValue` of a plain name, wherever it is written. */
function importsOf(model: DocumentModel): { name: string; node: Node }[] {
  const found: { name: string; node: Node }[] = [];
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.kind === 'map') {
      const imported = node.entries.length === 1 && node.entries[0].key === 'Fn::ImportValue' ? scalarText(node.entries[0].value) : undefined;
      if (imported !== undefined) found.push({ name: imported, node });
      for (const entry of node.entries) visit(entry.value);
    } else if (node.kind === 'seq') {
      for (const item of node.items) visit(item);
    }
  };
  visit(get(model.source.root, 'Resources'));
  return found;
}
