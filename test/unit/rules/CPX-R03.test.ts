import { rule } from '../../../src/core/rules/CPX-R03';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const action = (owner: string, role: string): string => `
- Name: Build
  ActionTypeId: {Category: Build, Owner: ${owner}, Provider: MyBuilder, Version: '1'}${role}
  Configuration: {ProjectName: p}
`;
const role = "\n  RoleArn: 'arn:aws:iam::222222222222:role/a'";

ruleTester(rule, {
  valid: [
    { name: 'AWS-owned action with a role', code: pipelineYaml(action('AWS', role)) },
    { name: 'custom action without a role', code: pipelineYaml(action('Custom', '')) },
  ],
  invalid: [
    {
      name: 'custom action with a role: the fix removes the line',
      code: pipelineYaml(action('Custom', role)),
      errors: [{ line: 18, text: 'RoleArn' }],
      output: pipelineYaml(action('Custom', '')),
    },
    { name: 'third-party action', code: pipelineYaml(action('ThirdParty', role)), errors: [{ line: 18 }] },
  ],
});
