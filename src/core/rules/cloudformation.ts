/**
 * The CloudFormation deploy action (reference §3.1): its modes, which properties each mode
 * requires or ignores, and its `Capabilities`, read per `Fn::If` branch.
 */
import { isScalar, isSeq, scalarText } from '../source';
import { mergeConditions, type Conditions, type StringAlternative } from '../model/evaluate';
import { keyFor, type ActionModel, type DocumentModel, type Field } from '../model/types';
import type { FixDescriptor } from '../fixes/intents';
import type { ReportDescriptor, RuleContext, Target } from '../engine/types';
import { actionLabel, actionTarget, configField } from './support';

export const ACTION_MODES = ['CHANGE_SET_EXECUTE', 'CHANGE_SET_REPLACE', 'CREATE_UPDATE', 'DELETE_ONLY', 'REPLACE_ON_FAILURE'] as const;
export type ActionMode = typeof ACTION_MODES[number];

export const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

/** The §3.1 matrix: what each mode needs and what it ignores (RoleArn is CPX-R11's and CPX-R12's). */
export const MODE_MATRIX: Readonly<Record<ActionMode, { readonly required: readonly string[]; readonly ignored: readonly string[] }>> = {
  CREATE_UPDATE: { required: ['StackName', 'TemplatePath'], ignored: ['ChangeSetName'] },
  REPLACE_ON_FAILURE: { required: ['StackName', 'TemplatePath'], ignored: ['ChangeSetName'] },
  CHANGE_SET_REPLACE: { required: ['StackName', 'ChangeSetName', 'TemplatePath'], ignored: [] },
  CHANGE_SET_EXECUTE: {
    required: ['StackName', 'ChangeSetName'], ignored: ['TemplatePath', 'TemplateConfiguration', 'Capabilities', 'ParameterOverrides'],
  },
  DELETE_ONLY: {
    required: ['StackName'], ignored: ['ChangeSetName', 'TemplatePath', 'TemplateConfiguration', 'Capabilities', 'ParameterOverrides'],
  },
};

function isActionMode(value: string): value is ActionMode {
  return (ACTION_MODES as readonly string[]).includes(value);
}

export interface ModeBranch {
  readonly mode: ActionMode;
  /** The action's own conditions with those that choose this mode. */
  readonly conditions: Conditions;
}

/** The valid modes an action can run in, one per `Fn::If` branch that exists with the action. */
export function modeBranches(context: RuleContext, action: ActionModel): ModeBranch[] {
  const result: ModeBranch[] = [];
  for (const alternative of context.values(configField(action, 'ActionMode'))) {
    const mode = textOf(alternative);
    const conditions = mergeConditions(action.conditions, alternative.conditions);
    if (mode !== undefined && isActionMode(mode) && conditions) result.push({ mode, conditions });
  }
  return result;
}

/** An alternative's text when every part of it is known. */
export function textOf(alternative: StringAlternative): string | undefined {
  if (!alternative.value) return undefined;
  let text = '';
  for (const part of alternative.value) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'param' && part.value !== undefined) text += part.value;
    else return undefined;
  }
  return text;
}

export type Presence = 'always' | 'never' | 'sometimes';

/** Whether a field is there in the branches compatible with `conditions` (`AWS::NoValue` counts as absent). */
export function presenceUnder(context: RuleContext, field: Field | undefined, conditions: Conditions): Presence {
  if (!field) return 'never';
  let present = false;
  let absent = false;
  for (const alternative of context.values(field)) {
    if (!mergeConditions(conditions, alternative.conditions)) continue;
    if (alternative.value) present = true;
    else absent = true;
  }
  if (present && absent) return 'sometimes';
  return present ? 'always' : 'never';
}

/** One branch of `Capabilities`: the names written, or undefined when they are computed. */
export interface CapabilityBranch {
  readonly names: readonly string[] | undefined;
  readonly conditions: Conditions;
}

/** `Capabilities` per branch: a comma-separated string, or (wrongly) a list; absent is an empty list. */
export function capabilityBranches(context: RuleContext, action: ActionModel): CapabilityBranch[] {
  const field = configField(action, 'Capabilities');
  if (!field) return [{ names: [], conditions: action.conditions }];
  if (isSeq(field.node)) {
    const items = field.node.items.map(scalarText);
    const names = items.every((item): item is string => item !== undefined) ? items.flatMap(splitCapabilities) : undefined;
    return [{ names, conditions: action.conditions }];
  }
  return context.values(field).flatMap((alternative) => {
    const conditions = mergeConditions(action.conditions, alternative.conditions);
    if (!conditions) return [];
    const text = alternative.value ? textOf(alternative) : '';
    return [{ names: text === undefined ? undefined : splitCapabilities(text), conditions }];
  });
}

function splitCapabilities(text: string): string[] {
  return text.split(',').map((name) => name.trim()).filter((name) => name !== '');
}

/**
 * The fix that writes `Capabilities` as one comma-separated string holding `names` (in
 * the order given). Offered only when the current value is written out, not computed.
 */
export function capabilitiesFix(action: ActionModel, title: string, names: readonly string[]): FixDescriptor | undefined {
  const configuration = action.configuration;
  if (!configuration) return undefined;
  const field = configField(action, 'Capabilities');
  const value = { kind: 'text', text: [...new Set(names)].join(',') } as const;
  if (!field) return { title, preferred: true, intents: [{ kind: 'set-entry', map: configuration, key: 'Capabilities', value }] };
  const written = isSeq(field.node) ? field.node.items.every(isScalar) : isScalar(field.node);
  if (!written) return undefined;
  return { title, preferred: true, intents: [{ kind: 'replace', target: field, value, styleFrom: isScalar(field.node) ? field.node : undefined }] };
}

/** The capabilities written today, in order, when all of them are known in every branch. */
export function writtenCapabilities(context: RuleContext, action: ActionModel): readonly string[] | undefined {
  const branches = capabilityBranches(context, action);
  return branches.length === 1 ? branches[0].names : undefined;
}

export interface Missing {
  readonly mode: ActionMode;
  /** Absent in every branch of that mode (certain), or only in some. */
  readonly everywhere: boolean;
}

/** Where a property the matrix requires is absent: the mode that needs it, preferring a certain absence. */
export function missingFor(context: RuleContext, action: ActionModel, key: string): Missing | undefined {
  const field = configField(action, key);
  let found: Missing | undefined;
  for (const { mode, conditions } of modeBranches(context, action)) {
    if (!MODE_MATRIX[mode].required.includes(key)) continue;
    const presence = presenceUnder(context, field, conditions);
    if (presence === 'always') continue;
    if (presence === 'never') return { mode, everywhere: true };
    found ??= { mode, everywhere: false };
  }
  return found;
}

/** Where to report a configuration property: the property, else the `Configuration` key, else the action's name. */
export function configTarget(model: DocumentModel, action: ActionModel, field: Field | undefined): Target {
  if (field) return { field };
  if (action.configuration) return { field: action.configuration, part: 'key' };
  return actionTarget(action, keyFor(model.dialect, 'Name'));
}

export interface Lacking {
  readonly mode: ActionMode;
  /** Lacking in every branch where the action runs in one of the modes (certain), or only in some. */
  readonly everywhere: boolean;
}

/** Where the action runs in one of `modes` with none of `anyOf` among its capabilities. */
export function lackingCapability(
  context: RuleContext, action: ActionModel, modes: readonly ActionMode[], anyOf: readonly string[],
): Lacking | undefined {
  let lacking: ActionMode | undefined;
  let covered = false;
  const capabilities = capabilityBranches(context, action);
  for (const branch of modeBranches(context, action)) {
    if (!modes.includes(branch.mode)) continue;
    for (const { names, conditions } of capabilities) {
      if (!mergeConditions(branch.conditions, conditions)) continue;
      if (names === undefined || names.some((name) => anyOf.includes(name))) covered = true;
      else lacking ??= branch.mode;
    }
  }
  return lacking ? { mode: lacking, everywhere: !covered } : undefined;
}

/** The fix adding a capability to those written today. */
function addCapabilityFix(context: RuleContext, action: ActionModel, capability: string): FixDescriptor | undefined {
  const written = writtenCapabilities(context, action);
  return written ? capabilitiesFix(action, `Add ${capability}`, [...written, capability]) : undefined;
}

/** Whether every mode the action can have ignores `key`: then what the property says does not matter. */
export function ignoredInEveryMode(context: RuleContext, action: ActionModel, key: string): boolean {
  const branches = modeBranches(context, action);
  return branches.length > 0 && branches.every(({ mode }) => MODE_MATRIX[mode].ignored.includes(key));
}

/**
 * Reports `messageId` when the action runs in one of `modes` without any of `anyOf`, with the
 * fix that adds `add`: at the rule's severity where it lacks in every such branch, else a warning.
 */
export function reportLackingCapability(
  context: RuleContext, action: ActionModel,
  need: { readonly modes: readonly ActionMode[]; readonly anyOf: readonly string[]; readonly add: string },
  messageId: string, data: Readonly<Record<string, string>>,
): void {
  const lacking = lackingCapability(context, action, need.modes, need.anyOf);
  if (!lacking) return;
  const fix = addCapabilityFix(context, action, need.add);
  context.report({
    messageId,
    severity: lacking.everywhere ? undefined : 'warning',
    data: { ...data, mode: lacking.mode },
    target: configTarget(context.model, action, configField(action, 'Capabilities')),
    fixes: fix ? [fix] : [],
  });
}

/** The finding for a property the matrix requires: `missing` where it is certain, else `missingInBranch` as a warning. */
export function missingReport(context: RuleContext, action: ActionModel, key: string, missing: Missing): ReportDescriptor {
  return {
    messageId: missing.everywhere ? 'missing' : 'missingInBranch',
    severity: missing.everywhere ? undefined : 'warning',
    data: { action: actionLabel(action), mode: missing.mode },
    target: configTarget(context.model, action, configField(action, key)),
  };
}
