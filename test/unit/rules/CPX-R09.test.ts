import { rule } from '../../../src/core/rules/CPX-R09';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const withPipelineRole = (role: string): string => pipelineYaml(`
- Name: Approve
  ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}
`, { pipelineRole: role });

ruleTester(rule, {
  valid: [
    { name: 'GetAtt Arn', code: withPipelineRole('!GetAtt PipelineRole.Arn') },
    { name: 'literal role ARN with a path', code: withPipelineRole("'arn:aws:iam::111111111111:role/service-role/p'") },
    { name: 'Sub with a parameter', code: withPipelineRole("!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/p'") },
    { name: 'parameter without value', code: withPipelineRole('!Ref RoleParam'), parameters: {} },
  ],
  invalid: [
    {
      name: 'Ref of a role returns its name',
      code: withPipelineRole('!Ref PipelineRole'),
      errors: [{ line: 12, text: '!Ref PipelineRole' }],
      output: withPipelineRole('!GetAtt PipelineRole.Arn'),
    },
    { name: 'a bare role name', code: withPipelineRole('pipeline-role'), errors: [{ line: 12, text: 'pipeline-role' }], output: null },
    { name: 'a policy ARN', code: withPipelineRole("'arn:aws:iam::111111111111:policy/p'"), errors: [{ line: 12 }] },
    { name: 'an account id that is not 12 digits', code: withPipelineRole("'arn:aws:iam::1111:role/p'"), errors: [{ line: 12 }] },
  ],
});
