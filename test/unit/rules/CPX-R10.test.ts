import { rule } from '../../../src/core/rules/CPX-R10';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson, pipelineYaml } from '../../support/templates';

const approval = { name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' } };

ruleTester(rule, {
  valid: [
    { name: 'role in the pipeline account', fileName: 'p.json', code: getPipelineJson([approval]) },
    { name: 'role of the same stack', code: pipelineYaml('- Name: A\n  ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: 1}') },
  ],
  invalid: [
    {
      name: 'role in another account than the pipeline ARN',
      fileName: 'p.json',
      code: getPipelineJson([approval], 'arn:aws:iam::222222222222:role/pipeline-role'),
      errors: [{ line: 4, text: '"arn:aws:iam::222222222222:role/pipeline-role"' }],
    },
    {
      name: 'template with the pipeline account given',
      code: pipelineYaml('- Name: A\n  ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: 1}', { pipelineRole: "'arn:aws:iam::222222222222:role/p'" }),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 12 }],
    },
  ],
});
