import type { RoleDefinition, Rule, RuleContext, Target } from '../engine/types';
import { crossAccountUsers, keyArn, KMS_ACTIONS, missingGrants, storeKey, type ArtifactUser, type StoreKey } from '../model/access';
import { roleDeclaredByName, rolePolicies } from '../model/policy';
import { parameterValue } from '../model/evaluate';
import { plainText } from '../model/role-keys';
import type { DocumentModel } from '../model/types';
import type { FixValue } from '../fixes/intents';
import { grantToRole } from './grants';
import { linkedRole, roleFix } from './linked-roles';
import { accountText } from './support';

export const rule: Rule = {
  meta: {
    id: 'CPX-K08',
    title: "Target role's own policy lacks KMS on the key ARN",
    severity: 'error',
    description: "Using a key across accounts needs permission on both sides: the key policy, and the role's own IAM policy, naming the key by its ARN in the pipeline account; checked where the role is declared in the template or defined in another file in view.",
    messages: {
      missing: "Role '{role}' (account {account}) is declared in this template, and its policies do not allow {actions} on the artifact key's ARN in the pipeline account. Across accounts, the role's own policy must name the key ARN (a key ID or a key of its own account does not work).",
      linked: "Role '{role}' (account {account}) is defined in {file}, and its policies do not allow {actions} on the artifact key's ARN in the pipeline account. Across accounts, the role's own policy must name the key ARN (a key ID or a key of its own account does not work).",
    },
    fixable: true,
  },
  check(context) {
    const { model } = context;
    const reported = new Set<string>();
    for (const pipeline of model.pipelines) {
      for (const user of crossAccountUsers(model, pipeline)) {
        const key = user.store && storeKey(model, user.store);
        const definition = key && targetRole(context, user);
        if (!key || !definition) continue;
        const { role, fileName } = definition;
        const policies = rolePolicies(role, definition.model);
        // The pipeline's `Fn::If` conditions mean nothing in another template. There, the role's
        // `${AWS::AccountId}` reads as the pipeline's account: that can hide a finding, never make one.
        const holds = fileName === undefined ? user.holds : new Map<string, boolean>();
        const missing = missingGrants(policies.documents, KMS_ACTIONS[user.level], { resource: keyArn(model, key), holds }, definition.model);
        const once = `${fileName ?? ''}:${role.logicalId}:${user.level}`;
        if (!policies.complete || missing.length === 0 || reported.has(once)) continue;
        reported.add(once);
        const resource = keyValue(model, definition, key);
        const statement: FixValue | undefined = resource && {
          kind: 'mapping',
          entries: [
            ['Effect', { kind: 'text', text: 'Allow' }],
            ['Action', { kind: 'list', items: KMS_ACTIONS[user.level].map((action): FixValue => ({ kind: 'text', text: action })) }],
            ['Resource', resource],
          ],
        };
        const styleFrom = fileName === undefined ? key.field.node : undefined;
        const intents = statement ? grantToRole(role, policies, [statement], 'pipeline-artifact-key', styleFrom) : [];
        const roleTarget: Target = fileName === undefined ? { field: role, part: 'key' } : { field: role, fileName };
        context.report({
          messageId: fileName === undefined ? 'missing' : 'linked',
          data: { role: role.logicalId, account: accountText(model, user.arn.account), actions: missing.join(', '), file: fileName ?? '' },
          target: { field: user.field },
          related: [{ target: roleTarget, message: fileName === undefined ? 'The role, declared in this template.' : 'The role, defined in another file.' }],
          fixes: roleFix(definition, "Allow the key in the role's policy", intents),
        });
      }
    }
  },
};

/** The target role: declared next to the pipeline (the seed answer's layout), else its one definition in another file. */
function targetRole(context: RuleContext, user: ArtifactUser): RoleDefinition | undefined {
  const declared = roleDeclaredByName(user.parts, context.model);
  return declared ? { fileName: undefined, model: context.model, role: declared } : linkedRole(context, user.parts)?.definition;
}

/** Parameters that may carry a key's ARN; only one of them in a template can be taken for the artifact key. */
const KEY_ARN_PARAMETER = /(key|cmk)arn$/i;
/** Names that say which key (§4.6's `ArtifactKeyArn`, the reference architecture's `CMKARN`): a `DataKeyArn` is another key. */
const ARTIFACT_KEY_PARAMETER = /^((pipeline)?artifacts?key|pipelinekey|cmk)arn$/i;

/**
 * The key's ARN as the role's template can write it: as the pipeline writes it in the same file;
 * in another file, the template's one key ARN parameter when its value is that ARN, else the ARN
 * when the pipeline's file gives it as text, else that parameter when its name says it is the
 * artifact key; nothing otherwise, as granting another key would hide the finding.
 */
function keyValue(model: DocumentModel, definition: RoleDefinition, key: StoreKey): FixValue | undefined {
  if (definition.fileName === undefined) return key.resource ? { kind: 'getAtt', logicalId: key.resource.logicalId, attribute: 'Arn' } : { kind: 'copy', node: key.field.node };
  const arn = key.form === 'arn' && !key.resource ? plainText(key.field.node, model) : undefined;
  const { scope } = definition.model;
  const candidates = [...scope.parameters.keys()].filter((name) => KEY_ARN_PARAMETER.test(name));
  const parameter = candidates.length === 1 ? candidates[0] : undefined;
  const ref: FixValue | undefined = parameter === undefined ? undefined : { kind: 'ref', logicalId: parameter };
  if (arn) return parameter !== undefined && parameterValue(scope, parameter) === arn ? ref : { kind: 'text', text: arn };
  return parameter !== undefined && ARTIFACT_KEY_PARAMETER.test(parameter) ? ref : undefined;
}
