import { rule } from '../../../src/core/rules/CPX-C06';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (capabilities: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app
    Capabilities: ${capabilities}
`);

ruleTester(rule, {
  valid: [
    { name: 'all three', code: deploy('CAPABILITY_IAM,CAPABILITY_NAMED_IAM,CAPABILITY_AUTO_EXPAND') },
    { name: 'ignored when deleting', code: deploy('CAPABILITY_ADMIN').replace('ActionMode: CREATE_UPDATE', 'ActionMode: DELETE_ONLY') },
    { name: 'from a parameter', code: deploy('!Ref Capabilities') },
    { name: 'per branch', code: deploy('!If [C, CAPABILITY_IAM, !Ref AWS::NoValue]') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { Capabilities: 'CAPABILITY_IAM' })]) },
  ],
  invalid: [
    { name: 'a misspelt capability', code: deploy('CAPABILITY_IAM,CAPABILITY_AUTOEXPAND'), errors: [{ line: 22, text: 'CAPABILITY_IAM,CAPABILITY_AUTOEXPAND', severity: 'error' }] },
    { name: 'in a list', code: deploy('[CAPABILITY_IAM, IAM]'), errors: [{ line: 22, text: '[CAPABILITY_IAM, IAM]' }] },
    { name: 'in one branch', code: deploy('!If [C, CAPABILITY_ADMIN, CAPABILITY_IAM]'), errors: [{ line: 22 }] },
    { name: 'template in JSON', fileName: 't.json', code: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_RESOURCE_POLICY' })]), errors: [{ line: 26, text: '"CAPABILITY_RESOURCE_POLICY"' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { Capabilities: 'capability_iam' })]), errors: [{ line: 26, text: '"capability_iam"' }] },
  ],
});
