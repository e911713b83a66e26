import { rule } from '../../../src/core/rules/CPX-T09';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const action = (category: string, provider: string, extra: string): string => stagesYaml(`
- Name: Step
  ActionTypeId: {Category: ${category}, Owner: AWS, Provider: ${provider}, Version: '1'}${extra}
`);

ruleTester(rule, {
  valid: [
    { name: 'run order and an approval timeout', code: action('Approval', 'Manual', '\n  RunOrder: 999\n  TimeoutInMinutes: 60') },
    { name: 'computed run order', code: action('Approval', 'Manual', '\n  RunOrder: !Ref Order') },
  ],
  invalid: [
    { name: 'run order 0', code: action('Approval', 'Manual', '\n  RunOrder: 0'), errors: [{ line: 19, text: '0', severity: 'error' }] },
    { name: 'run order 1000', code: action('Approval', 'Manual', "\n  RunOrder: '1000'"), errors: [{ line: 19, text: "'1000'" }] },
    { name: 'a timeout under 5 minutes', code: action('Approval', 'Manual', '\n  TimeoutInMinutes: 1'), errors: [{ line: 19, text: '1' }] },
    { name: 'a timeout on a deploy action', code: action('Deploy', 'CodeDeploy', '\n  TimeoutInMinutes: 60'), errors: [{ line: 19, text: 'TimeoutInMinutes' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, runOrder: 1.5 }]),
      errors: [{ line: 21, text: '1.5' }],
    },
  ],
});
