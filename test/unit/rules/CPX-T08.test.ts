import { rule } from '../../../src/core/rules/CPX-T08';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const action = (category: string, provider: string, extra: string): string => stagesYaml(`
- Name: Run
  ActionTypeId: {Category: ${category}, Owner: AWS, Provider: ${provider}, Version: '1'}
  InputArtifacts: [{Name: Build}]${extra}
`);

ruleTester(rule, {
  valid: [
    { name: 'a compute action with commands and output files', code: action('Compute', 'Commands', '\n  Commands: [make]\n  OutputArtifacts: [{Name: Out, Files: [dist/*]}]') },
    { name: 'a build without either', code: action('Build', 'CodeBuild', '\n  OutputArtifacts: [{Name: Out}]') },
  ],
  invalid: [
    { name: 'commands on a build action', code: action('Build', 'CodeBuild', '\n  Commands: [make]'), errors: [{ line: 20, text: 'Commands', severity: 'error' }] },
    { name: 'output files on a build action', code: action('Build', 'CodeBuild', '\n  OutputArtifacts: [{Name: Out, Files: [dist/*]}]'), errors: [{ line: 20, text: 'Files' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Run', actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }, commands: ['make'] }]),
      errors: [{ line: 21, text: '"commands"' }],
    },
  ],
});
