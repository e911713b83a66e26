import { rule } from '../../../src/core/rules/CPX-A02';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (paths: string, inputs = '[{Name: Build}]'): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app${paths}
  InputArtifacts: ${inputs}
`);

const stackSet = (templatePath: string): string => stagesYaml(`
- Name: Baseline
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormationStackSet, Version: '1'}
  Configuration:
    StackSetName: baseline
    TemplatePath: ${templatePath}
    DeploymentTargets: '111111111111'
  InputArtifacts: [{Name: Build}]
`);

const apiWrong = getPipelineJson([cfnAction('Release', {}, { TemplatePath: 'BuildArtifact::t.yaml' })]);

ruleTester(rule, {
  valid: [
    { name: 'an input artifact', code: deploy('\n    TemplatePath: Build::t.yaml\n    TemplateConfiguration: Build::c.json') },
    { name: 'an input only in one Fn::If branch counts', code: deploy('\n    TemplatePath: Alt::t.yaml', '[!If [UseAlt, {Name: Alt}, {Name: Build}]]') },
    { name: 'ignored by CHANGE_SET_EXECUTE (CPX-C04 says so)', code: deploy('\n    ChangeSetName: c\n    TemplatePath: Sources::t.yaml').replace('ActionMode: CREATE_UPDATE', 'ActionMode: CHANGE_SET_EXECUTE') },
    { name: 'computed path', code: deploy('\n    TemplatePath: !Sub "${Artifact}::t.yaml"') },
    { name: 'StackSet DeploymentTargets as accounts, not a path', code: stackSet('Build::baseline.yaml') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, {})]) },
  ],
  invalid: [
    {
      name: 'the AWS guide’s own slip: the fix points at the only input',
      code: deploy('\n    TemplatePath: my-project--Build::template.yaml # from the guide'),
      errors: [{ line: 22, text: 'my-project--Build::template.yaml', severity: 'error' }],
      output: deploy('\n    TemplatePath: Build::template.yaml # from the guide'),
    },
    {
      name: 'several inputs: one fix per input',
      code: deploy("\n    TemplatePath: 'Sources::t.yaml'", '[{Name: Build}, {Name: Config}]'),
      errors: [{ line: 22, text: "'Sources::t.yaml'" }],
      fix: 'Read the template from input artifact Config',
      output: deploy("\n    TemplatePath: 'Config::t.yaml'", '[{Name: Build}, {Name: Config}]'),
    },
    { name: 'TemplateConfiguration', code: deploy('\n    TemplatePath: Build::t.yaml\n    TemplateConfiguration: Configs::prod.json'), errors: [{ line: 23, text: 'Configs::prod.json' }] },
    { name: 'no inputs at all', code: deploy('\n    TemplatePath: Build::t.yaml', '[]'), errors: [{ line: 22 }], output: null },
    { name: 'a StackSet template', code: stackSet('Source::baseline.yaml'), errors: [{ line: 21, text: 'Source::baseline.yaml' }], output: stackSet('Build::baseline.yaml') },
    {
      name: 'template in JSON',
      fileName: 't.json',
      code: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', TemplatePath: 'Source::t.yaml' })]),
      errors: [{ line: 26, text: '"Source::t.yaml"' }],
      output: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', TemplatePath: 'Build::t.yaml' })]),
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: apiWrong,
      errors: [{ line: 25, text: '"BuildArtifact::t.yaml"' }],
      output: apiWrong.replace('BuildArtifact::t.yaml', 'Build::t.yaml'),
    },
  ],
});
