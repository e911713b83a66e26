import { rule } from '../../../src/core/rules/CPX-C10';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (fileName: string, outputs: string, reader = ''): string => stagesYaml(`
- Name: Infra
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: infra
    TemplatePath: Build::infra.yaml${fileName}
  InputArtifacts: [{Name: Build}]${outputs}
${reader}`);

const appReadingOutputs = `- Name: App
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app
    TemplatePath: Build::app.yaml
    ParameterOverrides: '{"Vpc": {"Fn::GetParam": ["InfraOutputs", "outputs.json", "VpcId"]}}'
  InputArtifacts: [{Name: Build}, {Name: InfraOutputs}]
  RunOrder: 2`;

ruleTester(rule, {
  valid: [
    { name: 'both', code: deploy('\n    OutputFileName: outputs.json', '\n  OutputArtifacts: [{Name: InfraOutputs}]', appReadingOutputs) },
    { name: 'neither', code: deploy('', '') },
    { name: 'an output that only orders actions needs no file', code: deploy('', '\n  OutputArtifacts: [{Name: InfraDone}]') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', { outputArtifacts: [{ name: 'Out' }] }, { OutputFileName: 'out.json' })]) },
  ],
  invalid: [
    { name: 'a file name but no output artifact', code: deploy('\n    OutputFileName: outputs.json', ''), errors: [{ line: 23, text: 'OutputFileName', severity: 'warning' }] },
    {
      name: 'an output another action reads a file from, without a file name',
      code: deploy('', '\n  OutputArtifacts: [{Name: InfraOutputs}]', appReadingOutputs),
      errors: [{ line: 24, text: '{Name: InfraOutputs}' }],
    },
    { name: 'template in JSON', fileName: 't.json', code: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', OutputFileName: 'o.json' })]), errors: [{ line: 26, text: '"OutputFileName"' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { OutputFileName: 'out.json' })]), errors: [{ line: 26, text: '"OutputFileName"' }] },
  ],
});
