import { rule } from '../../../src/core/rules/CPX-C04';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, releaseInMode as deploy, templateJson } from '../../support/pipelines';

ruleTester(rule, {
  valid: [
    { name: 'replace uses everything', code: deploy('CHANGE_SET_REPLACE', '\n    ChangeSetName: c\n    TemplatePath: Build::t.yaml\n    Capabilities: CAPABILITY_IAM') },
    { name: 'execute with its change set name', code: deploy('CHANGE_SET_EXECUTE', '\n    ChangeSetName: c') },
    { name: 'ignored only with an unknown mode', code: deploy('!Ref Mode', '\n    ChangeSetName: c') },
    { name: 'AWS::NoValue in the ignoring mode', code: deploy('!If [C, CHANGE_SET_REPLACE, CREATE_UPDATE]', '\n    ChangeSetName: !If [C, c, !Ref AWS::NoValue]') },
  ],
  invalid: [
    { name: 'ChangeSetName with CREATE_UPDATE', code: deploy('CREATE_UPDATE', '\n    ChangeSetName: c'), errors: [{ line: 22, text: 'ChangeSetName', severity: 'info' }] },
    {
      name: 'template and parameters when executing a change set',
      code: deploy('CHANGE_SET_EXECUTE', "\n    ChangeSetName: c\n    TemplatePath: Build::t.yaml\n    Capabilities: CAPABILITY_IAM\n    ParameterOverrides: '{}'\n    TemplateConfiguration: Build::c.json"),
      errors: [{ line: 23, text: 'TemplatePath' }, { line: 24, text: 'Capabilities' }, { line: 25, text: 'ParameterOverrides' }, { line: 26, text: 'TemplateConfiguration' }],
    },
    { name: 'template when deleting', code: deploy('DELETE_ONLY', '\n    TemplatePath: Build::t.yaml'), errors: [{ line: 22, text: 'TemplatePath' }] },
    { name: 'ignored in one Fn::If branch', code: deploy('!If [C, CHANGE_SET_REPLACE, CREATE_UPDATE]', '\n    ChangeSetName: c'), errors: [{ line: 22, text: 'ChangeSetName' }] },
    { name: 'template in JSON', fileName: 't.json', code: templateJson([cfnDeploy({ ActionMode: 'DELETE_ONLY', StackName: 'app', ChangeSetName: 'c' })]), errors: [{ line: 27, text: '"ChangeSetName"' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { ActionMode: 'CREATE_UPDATE' })]), errors: [{ line: 24, text: '"ChangeSetName"' }] },
  ],
});
