import type { Rule } from '../engine/types';
import type { ArnInfo } from '../model/evaluate';
import { roleFields } from './support';

const ROLE_NAME = /^[\w+=,.@\-/]+$/;

export const rule: Rule = {
  meta: {
    id: 'CPX-R09',
    title: 'A role field is not a role ARN',
    severity: 'error',
    description: 'The pipeline role, the action role and the CloudFormation role must be IAM role ARNs.',
    messages: {
      refOfRole: "The {role} must be a role ARN, but Ref of the AWS::IAM::Role '{logicalId}' returns the role's name. Use !GetAtt {logicalId}.Arn.",
      refOfResource: "The {role} must be a role ARN, but Ref of '{logicalId}' ({type}) does not return one.",
      notArn: "The {role} must be an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>), not '{value}'.",
    },
    fixable: true,
  },
  check(context) {
    for (const { field, role } of roleFields(context.model)) {
      for (const { value: arn } of context.arns(field)) {
        if (!arn) continue;
        if (arn.refOf) {
          const { logicalId, type } = arn.refOf;
          const isRole = type === 'AWS::IAM::Role';
          context.report({
            messageId: isRole ? 'refOfRole' : 'refOfResource',
            data: { role, logicalId, type: type ?? 'unknown type' },
            target: { field },
            fixes: isRole ? [{
              title: `Use !GetAtt ${logicalId}.Arn`,
              preferred: true,
              intents: [{ kind: 'replace', target: field, value: { kind: 'getAtt', logicalId, attribute: 'Arn' } }],
            }] : [],
          });
          break;
        }
        if (isMalformed(arn)) {
          const source = context.model.source.text.slice(field.node.start, field.node.end);
          context.report({ messageId: 'notArn', data: { role, value: source }, target: { field } });
          break;
        }
      }
    }
  },
};

/** Certain only when the written parts already break the role ARN pattern. */
function isMalformed(arn: ArnInfo): boolean {
  if (arn.isArn === false) return true;
  if (arn.isArn !== true) return false;
  if (arn.service !== undefined && arn.service !== 'iam') return true;
  if (arn.account.kind === 'literal' && !/^\d{12}$/.test(arn.account.value)) return true;
  if (arn.resource !== undefined && !(arn.resource.startsWith('role/') && ROLE_NAME.test(arn.resource.slice(5)))) return true;
  return false;
}
