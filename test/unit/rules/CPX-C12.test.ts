import { rule } from '../../../src/core/rules/CPX-C12';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (extra: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app${extra}
`);

ruleTester(rule, {
  valid: [
    { name: 'known keys', code: deploy('\n    TemplatePath: Build::t.yaml\n    RoleArn: arn:aws:iam::111111111111:role/cfn\n    OutputFileName: o.json') },
    { name: 'a provider whose keys are not listed', code: stagesYaml("- {Name: Approve, ActionTypeId: {Category: Invoke, Owner: AWS, Provider: StepFunctions, Version: '1'}, Configuration: {StateMachineArn: x, Anything: y}}") },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, {})]) },
  ],
  invalid: [
    {
      name: 'roleArn in lower case inside Configuration',
      code: deploy('\n    roleArn: arn:aws:iam::111111111111:role/cfn'),
      errors: [{ line: 22, text: 'roleArn', severity: 'warning' }],
    },
    { name: 'a misspelt key', code: deploy('\n    TemplateFile: Build::t.yaml'), errors: [{ line: 22, text: 'TemplateFile' }] },
    {
      name: 'a CodeBuild key on a CloudFormation action',
      fileName: 't.json',
      code: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', ProjectName: 'p' })]),
      errors: [{ line: 26, text: '"ProjectName"' }],
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([cfnAction('Release', {}, { roleArn: 'arn:aws:iam::111111111111:role/cfn' })]),
      errors: [{ line: 26, text: '"roleArn"' }],
    },
  ],
});
