import { rule } from '../../../src/core/rules/CPX-C05';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, releaseInMode as deploy, templateJson } from '../../support/pipelines';

ruleTester(rule, {
  valid: [
    { name: 'given', code: deploy('CREATE_UPDATE', '\n    TemplatePath: Build::t.yaml') },
    { name: 'deleting needs none', code: deploy('DELETE_ONLY', '') },
    { name: 'executing needs none', code: deploy('CHANGE_SET_EXECUTE', '\n    ChangeSetName: c') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, {})]) },
  ],
  invalid: [
    { name: 'CREATE_UPDATE', code: deploy('CREATE_UPDATE', ''), errors: [{ line: 19, text: 'Configuration', severity: 'error' }] },
    { name: 'REPLACE_ON_FAILURE', code: deploy('REPLACE_ON_FAILURE', ''), errors: [{ line: 19 }] },
    {
      name: 'absent in one Fn::If branch: a warning',
      code: deploy('CHANGE_SET_REPLACE', '\n    ChangeSetName: c\n    TemplatePath: !If [C, Build::t.yaml, !Ref AWS::NoValue]'),
      errors: [{ line: 23, text: '!If [C, Build::t.yaml, !Ref AWS::NoValue]', severity: 'warning' }],
    },
    {
      name: 'missing only in the mode that needs it',
      code: deploy('!If [C, CREATE_UPDATE, DELETE_ONLY]', ''),
      errors: [{ line: 19, severity: 'error' }],
    },
    { name: 'template in JSON', fileName: 't.json', code: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', StackName: 'app' })]), errors: [{ line: 24, text: '"Configuration"' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { TemplatePath: undefined })]), errors: [{ line: 21, text: '"configuration"' }] },
  ],
});
