import type { Rule } from '../engine/types';
import { intrinsicName, isMap, isScalar, isSeq, scalarText, type MapNode, type Node } from '../source';
import { isCloudFormationDeploy } from '../model/roles';
import type { Dialect } from '../model/types';
import type { FixValue } from '../fixes/intents';
import { ignoredInEveryMode } from './cloudformation';
import { actions, configField } from './support';

/** "ParameterOverrides ... maximum size limit of 1 kilobyte". */
const MAX_LENGTH = 1024;

export const rule: Rule = {
  meta: {
    id: 'CPX-C08',
    title: 'ParameterOverrides is not a JSON string',
    severity: 'error',
    description: 'ParameterOverrides is a string that holds a JSON object of at most 1 KB, not an object written in the template.',
    messages: {
      object: 'ParameterOverrides must be a JSON-encoded string, not an object: CodePipeline configuration values are strings.',
      invalidJson: 'ParameterOverrides is not a JSON object: {reason}.',
      tooLong: 'ParameterOverrides is {length} characters long; the limit is 1 KB. Move parameters to a TemplateConfiguration file.',
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    for (const [action] of actions(model)) {
      const field = configField(action, 'ParameterOverrides');
      if (!field || !isCloudFormationDeploy(action)) continue;
      if (isMap(field.node) && intrinsicName(field.node) === undefined) {
        const value = jsonStringOf(field.node, model.dialect);
        context.report({
          messageId: 'object',
          target: { field },
          fixes: value ? [{ title: 'Write ParameterOverrides as a JSON string', preferred: true, intents: [{ kind: 'replace', target: field, value }] }] : [],
        });
        continue;
      }
      // An object is never a configuration value; the JSON inside a string only matters where it is read.
      if (ignoredInEveryMode(context, action, 'ParameterOverrides')) continue;
      for (const alternative of context.values(field)) {
        // Computed pieces stand in as `0`, which is valid JSON both inside and outside quotes.
        const parts = alternative.value;
        if (!parts || parts.some((part) => part.kind === 'unknown')) continue;
        const text = parts.map((part) => part.kind === 'text' ? part.text : part.kind === 'param' && part.value !== undefined ? part.value : '0').join('');
        const reason = jsonProblem(text);
        if (reason) {
          context.report({ messageId: 'invalidJson', data: { reason }, target: { field } });
          break;
        }
        if (parts.every((part) => part.kind === 'text' || part.kind === 'param') && text.length > MAX_LENGTH) {
          context.report({ messageId: 'tooLong', data: { length: String(text.length) }, target: { field } });
          break;
        }
      }
    }
  },
};

function jsonProblem(text: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return error instanceof Error ? error.message : 'it does not parse';
  }
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? undefined : 'it must be an object of parameter names';
}

/** CodePipeline's own parameter functions, which live inside the JSON string. */
const PARAMETER_FUNCTIONS = new Set(['Fn::GetParam', 'Fn::GetArtifactAtt']);

/**
 * The object as a JSON string: literal in get-pipeline JSON, a `Fn::Sub` in templates when a
 * value is a `Ref`, a `Fn::GetAtt` or a `Fn::Sub`. Undefined when a value cannot be carried over.
 */
function jsonStringOf(map: MapNode, dialect: Dialect): FixValue | undefined {
  const pieces: { readonly text: string; readonly sub: boolean }[] = [];
  for (const entry of map.entries) {
    const value = pieceOf(entry.value);
    if (!value) return undefined;
    pieces.push({ text: `${pieces.length > 0 ? ',' : ''}${JSON.stringify(entry.key)}:`, sub: false }, value);
  }
  const usesSub = pieces.some((piece) => piece.sub);
  if (!usesSub) return { kind: 'text', text: `{${pieces.map((piece) => piece.text).join('')}}` };
  if (dialect === 'api') return undefined;
  // Literal `${` must not read as a Fn::Sub variable.
  const template = pieces.map((piece) => piece.sub ? piece.text : piece.text.replace(/\$\{/g, '${!')).join('');
  return { kind: 'sub', template: `{${template}}` };
}

function pieceOf(node: Node): { readonly text: string; readonly sub: boolean } | undefined {
  if (isScalar(node)) return node.value === null ? undefined : { text: JSON.stringify(String(node.value)), sub: false };
  const name = intrinsicName(node);
  if (!name || !isMap(node)) return undefined;
  const argument = node.entries[0].value;
  if (PARAMETER_FUNCTIONS.has(name)) {
    const args = isSeq(argument) ? argument.items.map(scalarText) : [];
    return args.length > 0 && args.every((arg) => arg !== undefined) ? { text: JSON.stringify({ [name]: args }), sub: false } : undefined;
  }
  if (name === 'Ref') {
    const target = scalarText(argument);
    return target && target !== 'AWS::NoValue' ? { text: `"\${${target}}"`, sub: true } : undefined;
  }
  if (name === 'Fn::GetAtt') {
    const path = isSeq(argument) ? argument.items.map(scalarText).join('.') : scalarText(argument);
    return path ? { text: `"\${${path}}"`, sub: true } : undefined;
  }
  if (name === 'Fn::Sub') {
    const template = scalarText(argument);
    return template === undefined ? undefined : { text: JSON.stringify(template), sub: true };
  }
  return undefined;
}
