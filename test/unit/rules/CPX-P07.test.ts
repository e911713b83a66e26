import { rule } from '../../../src/core/rules/CPX-P07';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const stackSet = (provider: string, role: string): string => stagesYaml(`
- Name: Baseline
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: ${provider}, Version: '1'}
  Configuration: {StackSetName: baseline, TemplatePath: 'Build::baseline.yaml', DeploymentTargets: ou-abcd-12345678}
  InputArtifacts: [{Name: Build}]${role}
`);

const OTHER = '\n  RoleArn: arn:aws:iam::222222222222:role/deployer';

ruleTester(rule, {
  valid: [{ name: 'from the pipeline account', code: stackSet('CloudFormationStackSet', '') }],
  invalid: [
    { name: 'a StackSet action with an action role in another account', code: stackSet('CloudFormationStackSet', OTHER), errors: [{ line: 17, text: 'Baseline', severity: 'info' }] },
    { name: 'stack instances too', code: stackSet('CloudFormationStackInstances', OTHER), errors: [{ line: 17 }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Step', actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CloudFormationStackSet', version: '1' }, configuration: { StackSetName: 'baseline', TemplatePath: 'Build::baseline.yaml' }, inputArtifacts: [{ name: 'Build' }], roleArn: 'arn:aws:iam::222222222222:role/deployer' }]),
      errors: [{ line: 14, text: '"Step"' }],
    },
  ],
});
