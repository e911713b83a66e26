import type { Rule } from '../engine/types';
import { isSeq, get, type Node } from '../source';
import { storeBucket, storeKey, storesOf } from '../model/access';
import { analyseArn, evaluateString } from '../model/evaluate';
import { canonical, segmentsKey } from '../model/canonical';
import { keyPolicy, type PolicyDocument } from '../model/policy';
import { PIPELINE } from '../model/roles';
import type { DocumentModel, Field } from '../model/types';
import type { RuleContext } from '../engine/types';

export const rule: Rule = {
  meta: {
    id: 'CPX-B03',
    title: 'Resource policy names roles of another account',
    severity: 'info',
    description: 'KMS and S3 reject a policy that names an IAM role that does not exist yet, so the roles in the other account must be deployed first.',
    messages: {
      roles: "This {policy} names {count} role(s) in other accounts. KMS and S3 reject a policy naming a role that does not exist yet ('invalid principal'): deploy the roles in the other accounts first, or name the account root ('arn:aws:iam::<account>:root') and restrict access in that account.",
    },
    fixable: false,
  },
  check(context) {
    const { model } = context;
    const seen = new Set<PolicyDocument['field']['node']>();
    for (const pipeline of model.pipelines) {
      for (const store of storesOf(pipeline)) {
        const key = storeKey(model, store);
        const documents: [PolicyDocument, string][] = [];
        const policy = key?.resource && keyPolicy(key.resource, model);
        if (policy) documents.push([policy, 'key policy']);
        for (const document of storeBucket(model, store)?.policies ?? []) documents.push([document, 'bucket policy']);
        for (const [document, kind] of documents) {
          if (seen.has(document.field.node)) continue;
          seen.add(document.field.node);
          const [first, ...others] = foreignRoles(context, document);
          if (!first) continue;
          context.report({
            messageId: 'roles', data: { policy: kind, count: String(others.length + 1) }, target: { field: first },
            related: others.map((field) => ({ target: { field }, message: 'Also a role in another account.' })),
          });
        }
      }
    }
  },
};

/** The `Principal.AWS` values of a document that are role ARNs in an account other than the pipeline's. */
function foreignRoles(context: RuleContext, document: PolicyDocument): Field[] {
  const fields: Field[] = [];
  for (const statement of document.statements) {
    const aws = get(get(statement.field.node, 'Principal'), 'AWS');
    const path = [...statement.field.path, 'Principal', 'AWS'];
    const items: [Node, Field['path']][] = isSeq(aws) ? aws.items.map((item, index) => [item, [...path, index]]) : aws ? [[aws, path]] : [];
    for (const [node, itemPath] of items) {
      if (isForeignRole(context, context.model, node)) fields.push({ node, path: itemPath });
    }
  }
  return fields;
}

function isForeignRole(context: RuleContext, model: DocumentModel, node: Node): boolean {
  return evaluateString(node, model.scope).some(({ value }) => {
    if (!value) return false;
    const arn = analyseArn(value);
    return arn.isArn === true && arn.service === 'iam' && segmentsKey(canonical(value, model)).includes(':role/')
      && context.compareAccounts(arn.account, PIPELINE) === 'different';
  });
}
