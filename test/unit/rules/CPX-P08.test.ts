import { rule } from '../../../src/core/rules/CPX-P08';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const approval = (role: string): string => stagesYaml(`
- Name: Approve
  ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}${role}
`);

ruleTester(rule, {
  valid: [{ name: 'no role', code: approval('') }],
  invalid: [
    { name: 'a role on an approval', code: approval('\n  RoleArn: arn:aws:iam::222222222222:role/approver'), errors: [{ line: 19, text: 'RoleArn', severity: 'info' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, roleArn: 'arn:aws:iam::222222222222:role/approver' }]),
      errors: [{ line: 21, text: '"roleArn"' }],
    },
  ],
});
