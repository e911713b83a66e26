import { rule } from '../../../src/core/rules/CPX-C01';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (mode: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ${mode}
    StackName: app
    TemplatePath: Build::template.yaml
  InputArtifacts: [{Name: Build}]
`);

const apiMisspelt = getPipelineJson([cfnAction('Release', {}, { ActionMode: 'change_set_replace' })]);

ruleTester(rule, {
  valid: [
    { name: 'a valid mode', code: deploy('ActionMode: CREATE_UPDATE # stack') },
    { name: 'a mode per Fn::If branch', code: deploy('ActionMode: !If [Prod, CHANGE_SET_REPLACE, CREATE_UPDATE]') },
    { name: 'a mode from a parameter without a value', code: deploy('ActionMode: !Ref Mode') },
    { name: 'not a CloudFormation action', code: stagesYaml("- {Name: Build, ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}, Configuration: {ProjectName: p}, InputArtifacts: [{Name: Build}]}") },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, {})]) },
  ],
  invalid: [
    {
      name: 'lower case mode: the fix writes the mode, keeping the comment',
      code: deploy('ActionMode: create_update # stack'),
      errors: [{ line: 20, text: 'create_update', severity: 'error' }],
      output: deploy('ActionMode: CREATE_UPDATE # stack'),
    },
    {
      name: 'quoted, with hyphens',
      code: deploy("ActionMode: 'replace-on-failure'"),
      errors: [{ line: 20, text: "'replace-on-failure'" }],
      output: deploy("ActionMode: 'REPLACE_ON_FAILURE'"),
    },
    { name: 'not a mode: no fix', code: deploy('ActionMode: DEPLOY'), errors: [{ line: 20, text: 'DEPLOY' }], output: null },
    { name: 'missing', code: deploy('RoleArn: arn:aws:iam::111111111111:role/cfn'), errors: [{ line: 19, text: 'Configuration', severity: 'error' }] },
    {
      name: 'absent in one Fn::If branch: a warning',
      code: deploy('ActionMode: !If [Prod, CREATE_UPDATE, !Ref AWS::NoValue]'),
      errors: [{ line: 20, text: '!If [Prod, CREATE_UPDATE, !Ref AWS::NoValue]', severity: 'warning' }],
    },
    {
      name: 'a misspelt mode in one branch: no fix on the Fn::If',
      code: deploy('ActionMode: !If [Prod, CHANGESET_REPLACE, CREATE_UPDATE]'),
      errors: [{ line: 20, text: '!If [Prod, CHANGESET_REPLACE, CREATE_UPDATE]' }],
      output: null,
    },
    {
      name: 'template in JSON',
      fileName: 't.json',
      code: templateJson([cfnDeploy({ ActionMode: 'Create_Update', StackName: 'app' })]),
      errors: [{ line: 25, text: '"Create_Update"' }],
      output: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', StackName: 'app' })]),
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: apiMisspelt,
      errors: [{ line: 22, text: '"change_set_replace"' }],
      output: apiMisspelt.replace('"change_set_replace"', '"CHANGE_SET_REPLACE"'),
    },
  ],
});
