import type { Node, Path, Span } from '../source';
import type { ActionModel, DocumentModel, Field, ResourceModel } from '../model/types';
import type { Part, StringAlternative } from '../model/evaluate';
import type { FixDescriptor } from '../fixes/intents';
import type { ArnAlternative } from '../model/roles';
import type { Comparison, Resolved } from '../model/resolved';

export type Severity = 'error' | 'warning' | 'info';

export interface RuleMeta {
  /** The catalogue id (`CPX-R01`): public, never renamed. */
  readonly id: string;
  readonly title: string;
  /** The default severity; a report may lower it when the mismatch is not certain. */
  readonly severity: Severity;
  readonly description: string;
  /** Message templates by id; `{name}` placeholders are filled from the report's data. */
  readonly messages: Readonly<Record<string, string>>;
  readonly fixable: boolean;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(context: RuleContext): void;
}

/**
 * What a finding points at: a model field (its value, or its key), or a raw span. `fileName` puts
 * it in another file of the workspace (related places only; a field there is pointed at by its value).
 */
export type Target = ({ readonly field: Field; readonly part?: 'key' | 'value' } | { readonly span: Span; readonly path?: Path }) & { readonly fileName?: string };

export interface RelatedDescriptor {
  readonly target: Target;
  readonly message: string;
}

export interface ReportDescriptor {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string>>;
  readonly target: Target;
  readonly severity?: Severity;
  readonly related?: readonly RelatedDescriptor[];
  readonly fixes?: readonly FixDescriptor[];
}

export interface RuleContext {
  readonly model: DocumentModel;
  report(descriptor: ReportDescriptor): void;
  /** The ARN alternatives of a role field, evaluated once per document. */
  arns(field: Field | undefined): readonly ArnAlternative[];
  /** Three-valued account comparison, knowing the pipeline's account when it was given. */
  compareAccounts(a: Resolved, b: Resolved): Comparison;
  compareRegions(a: Resolved, b: Resolved): Comparison;
  /** A field's string alternatives, one per `Fn::If` branch (`undefined`: absent there), evaluated once per document. */
  values(field: Field | undefined): readonly StringAlternative[];
  /** Data derived from the model once per lint, shared by every rule that asks with the same function. */
  derived<T>(compute: (model: DocumentModel) => T): T;
  /** The template a CloudFormation action deploys (the file after `::` in TemplatePath), when the engine has it. */
  deployedTemplate(action: ActionModel): DocumentModel | undefined;
  /** The workspace file a template of `deployedTemplate` came from; undefined for this document (or when unknown). */
  fileOf(model: DocumentModel): string | undefined;
  /** The `AWS::IAM::Role` definitions a role ARN names, in this file or other files of the workspace; several mean it is ambiguous. */
  roleDefinitions(arn: readonly Part[]): readonly RoleDefinition[];
}

/** A role defined in a template: in this file (`fileName` undefined) or in another file of the workspace. */
export interface RoleDefinition {
  readonly fileName: string | undefined;
  readonly model: DocumentModel;
  readonly role: ResourceModel;
}

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  /** Safe to apply without review (VS Code's `isPreferred`). */
  readonly preferred: boolean;
  readonly edits: readonly TextEdit[];
  /** Set when the edits are in another file of the workspace (offsets are into that file's text). */
  readonly fileName?: string;
}

export interface RelatedInformation extends Span {
  readonly message: string;
  /** Set when the place is in another file (offsets are into that file's text). */
  readonly fileName?: string;
}

export interface Finding extends Span {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: Path | undefined;
  readonly related: readonly RelatedInformation[];
  readonly fixes: readonly Fix[];
}

export type { Node };
