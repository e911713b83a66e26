import { rule } from '../../../src/core/rules/CPX-P05';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const invoke = (role: string): string => stagesYaml(`
- Name: SmokeTest
  ActionTypeId: {Category: Invoke, Owner: AWS, Provider: Lambda, Version: '1'}
  Configuration: {FunctionName: smoke}${role}
`);

ruleTester(rule, {
  valid: [{ name: 'in the pipeline account', code: invoke('') }, { name: 'in an account from a parameter', code: invoke('\n  RoleArn: !Sub arn:aws:iam::${Target}:role/invoker') }],
  invalid: [
    { name: 'in another account', code: invoke('\n  RoleArn: arn:aws:iam::222222222222:role/invoker'), errors: [{ line: 17, text: 'SmokeTest', severity: 'info' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Step', actionTypeId: { category: 'Invoke', owner: 'AWS', provider: 'Lambda', version: '1' }, configuration: { FunctionName: 'smoke' }, inputArtifacts: [{ name: 'Build' }], roleArn: 'arn:aws:iam::222222222222:role/deployer' }]),
      errors: [{ line: 14, text: '"Step"' }],
    },
  ],
});
