import { rule } from '../../../src/core/rules/CPX-C03';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const pair = (replaceName: string, executeName: string): string => stagesYaml(`
- Name: CreateChangeSet
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CHANGE_SET_REPLACE
    StackName: app${replaceName}
    TemplatePath: Build::template.yaml
  InputArtifacts: [{Name: Build}]
- Name: ExecuteChangeSet
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CHANGE_SET_EXECUTE
    StackName: app${executeName}
  RunOrder: 2
`);

const lone = (name: string): string => stagesYaml(`
- Name: CreateChangeSet
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CHANGE_SET_REPLACE
    StackName: app${name}
`);

const apiMissing = getPipelineJson([cfnAction('Release', {}, { ChangeSetName: undefined })]);

ruleTester(rule, {
  valid: [
    { name: 'both named', code: pair('\n    ChangeSetName: app-changes', '\n    ChangeSetName: app-changes') },
    { name: 'CREATE_UPDATE needs none', code: stagesYaml("- {Name: D, ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}, Configuration: {ActionMode: CREATE_UPDATE, StackName: app}}") },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, {})]) },
  ],
  invalid: [
    {
      name: 'execute without a name: the fix copies the name of the action that creates the change set',
      code: pair('\n    ChangeSetName: app-changes # shared', ''),
      errors: [{ line: 27, text: 'Configuration', severity: 'error' }],
      output: pair('\n    ChangeSetName: app-changes # shared', '\n    ChangeSetName: app-changes'),
    },
    {
      name: 'replace without a name: the fix copies the execute action’s',
      code: pair('', "\n    ChangeSetName: 'release'"),
      errors: [{ line: 19 }],
      output: pair('', "\n    ChangeSetName: 'release'").replace(
        'TemplatePath: Build::template.yaml\n', "TemplatePath: Build::template.yaml\n                ChangeSetName: 'release'\n",
      ),
    },
    {
      name: 'a lone replace action: a name made from the stack, offered but not preferred',
      code: lone(''),
      errors: [{ line: 19 }],
      output: lone('\n    ChangeSetName: app-changes'),
    },
    {
      name: 'absent in one Fn::If branch: a warning',
      code: pair('\n    ChangeSetName: !If [Prod, app-changes, !Ref AWS::NoValue]', '\n    ChangeSetName: app-changes'),
      errors: [{ line: 22, severity: 'warning' }],
    },
    {
      name: 'template in JSON',
      fileName: 't.json',
      code: templateJson([cfnDeploy({ ActionMode: 'CHANGE_SET_REPLACE', StackName: 'app' })]),
      errors: [{ line: 24, text: '"Configuration"' }],
      output: templateJson([cfnDeploy({ ActionMode: 'CHANGE_SET_REPLACE', StackName: 'app', ChangeSetName: 'app-changes' })]),
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: apiMissing,
      errors: [{ line: 21, text: '"configuration"' }],
      output: apiMissing.replace('"TemplatePath": "Build::t.yaml"', '"TemplatePath": "Build::t.yaml",\n              "ChangeSetName": "app-changes"'),
    },
  ],
});
