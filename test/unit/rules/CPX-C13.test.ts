import { rule } from '../../../src/core/rules/CPX-C13';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (name: string, mode: string): string => stagesYaml(`
- Name: ${name}
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: ${mode}
    StackName: app
`);

ruleTester(rule, {
  valid: [
    { name: 'a test stack', code: deploy('DeployTest', 'REPLACE_ON_FAILURE') },
    { name: 'production with CREATE_UPDATE', code: deploy('DeployProd', 'CREATE_UPDATE') },
  ],
  invalid: [
    { name: 'an action named for production', code: deploy('DeployProduction', 'REPLACE_ON_FAILURE'), errors: [{ line: 20, text: 'REPLACE_ON_FAILURE', severity: 'info' }] },
    { name: 'in one Fn::If branch', code: deploy('prod-stack', '!If [Fresh, REPLACE_ON_FAILURE, CREATE_UPDATE]'), errors: [{ line: 20 }] },
    {
      name: 'get-pipeline JSON: a stage named for production',
      fileName: 'p.json',
      code: getPipelineJson([cfnAction('Release', {}, { ActionMode: 'REPLACE_ON_FAILURE' })]).replace('"name": "Deploy"', '"name": "Prod"'),
      errors: [{ line: 22, text: '"REPLACE_ON_FAILURE"' }],
    },
  ],
});
