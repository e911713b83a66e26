import { rule } from '../../../src/core/rules/CPX-P01';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (role: string): string => stagesYaml(`
- Name: DeployFleet
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CodeDeploy, Version: '1'}
  Configuration: {ApplicationName: app, DeploymentGroupName: prod}
  InputArtifacts: [{Name: Build}]${role}
`);

ruleTester(rule, {
  valid: [
    { name: 'in the pipeline account', code: deploy('') },
    { name: 'account unknown', code: deploy('\n  RoleArn: !Ref DeployRoleArn') },
  ],
  invalid: [
    { name: 'in another account', code: deploy('\n  RoleArn: arn:aws:iam::222222222222:role/deployer'), errors: [{ line: 17, text: 'DeployFleet', severity: 'info' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'DeployFleet', actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' }, roleArn: 'arn:aws:iam::222222222222:role/deployer' }]),
      errors: [{ line: 14, text: '"DeployFleet"' }],
    },
  ],
});
