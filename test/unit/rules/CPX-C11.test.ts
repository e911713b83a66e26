import { rule } from '../../../src/core/rules/CPX-C11';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const build = (configuration: string): string => stagesYaml(`
- Name: Build
  ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
  Configuration:
    ProjectName: p
    ${configuration}
  InputArtifacts: [{Name: Build}]
`);

const longKey = 'EnvironmentVariablesForTheBuildProjectOfThisPipeline';
const longValue = JSON.stringify([{ name: 'A', value: 'x'.repeat(1000) }]);
const apiAction = {
  name: 'Build', actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
  configuration: { ProjectName: 'p', EnvironmentVariables: longValue }, inputArtifacts: [{ name: 'Build' }],
};

ruleTester(rule, {
  valid: [
    { name: 'short', code: build(`EnvironmentVariables: '[{"name":"A","value":"b"}]'`) },
    { name: 'a long value from a parameter without a value', code: build('EnvironmentVariables: !Ref Variables') },
  ],
  invalid: [
    { name: 'a key over 50 characters', code: build(`${longKey}: x`), errors: [{ line: 21, text: longKey, severity: 'error' }] },
    { name: 'a value over 1000 characters', code: build(`EnvironmentVariables: '${longValue}'`), errors: [{ line: 21, text: `'${longValue}'` }] },
    {
      name: 'a Fn::Sub that is long once its parameter is filled in',
      code: `Parameters:\n  Suffix: {Type: String, Default: ${'z'.repeat(20)}}\n${build(`EnvironmentVariables: !Sub '${'y'.repeat(990)}\${Suffix}'`)}`,
      errors: [{ line: 23 }],
    },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([apiAction]), errors: [{ line: 23, text: JSON.stringify(longValue) }] },
  ],
});
