import { rule } from '../../../src/core/rules/CPX-P03';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (role: string): string => stagesYaml(`
- Name: DeployService
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: ECS, Version: '1'}
  Configuration: {ClusterName: prod, ServiceName: web}
  InputArtifacts: [{Name: Build}]${role}
`);

ruleTester(rule, {
  valid: [{ name: 'in the pipeline account', code: deploy('') }],
  invalid: [
    { name: 'in another account', code: deploy('\n  RoleArn: arn:aws:iam::222222222222:role/deployer'), errors: [{ line: 17, text: 'DeployService', severity: 'info' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Step', actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'ECS', version: '1' }, configuration: { ClusterName: 'prod', ServiceName: 'web' }, inputArtifacts: [{ name: 'Build' }], roleArn: 'arn:aws:iam::222222222222:role/deployer' }]),
      errors: [{ line: 14, text: '"Step"' }],
    },
  ],
});
