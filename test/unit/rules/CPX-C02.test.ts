import { rule } from '../../../src/core/rules/CPX-C02';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (stack: string, mode = 'CREATE_UPDATE'): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: ${mode}${stack}
    TemplatePath: Build::template.yaml
  InputArtifacts: [{Name: Build}]
`);

ruleTester(rule, {
  valid: [
    { name: 'a valid name', code: deploy('\n    StackName: my-app-2') },
    { name: 'a name built with Fn::Sub', code: deploy('\n    StackName: !Sub ${AWS::StackName}-app') },
    { name: 'absent only where the mode is not valid', code: deploy('', '!Ref Mode') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { StackName: 'my-app' })]) },
  ],
  invalid: [
    { name: 'missing', code: deploy(''), errors: [{ line: 19, text: 'Configuration', severity: 'error' }] },
    { name: 'starts with a digit', code: deploy('\n    StackName: 1-app'), errors: [{ line: 21, text: '1-app', severity: 'error' }] },
    { name: 'underscore', code: deploy("\n    StackName: 'my_app'"), errors: [{ line: 21, text: "'my_app'" }] },
    {
      name: 'absent in one Fn::If branch: a warning',
      code: deploy('\n    StackName: !If [Prod, app, !Ref AWS::NoValue]'),
      errors: [{ line: 21, text: '!If [Prod, app, !Ref AWS::NoValue]', severity: 'warning' }],
    },
    {
      name: 'template in JSON',
      fileName: 't.json',
      code: templateJson([cfnDeploy({ ActionMode: 'DELETE_ONLY', StackName: 'app.prod' })]),
      errors: [{ line: 26, text: '"app.prod"' }],
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([cfnAction('Release', {}, { StackName: 'my app' })]),
      errors: [{ line: 23, text: '"my app"' }],
    },
  ],
});
