import { rule } from '../../../src/core/rules/CPX-T04';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const action = (typeId: string): string => stagesYaml(`
- Name: Step
  ActionTypeId: ${typeId}
  Configuration: {ProjectName: p}
  InputArtifacts: [{Name: Build}]
`);

ruleTester(rule, {
  valid: [
    { name: "'1'", code: action("{Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}") },
    { name: 'the number 1', code: action('{Category: Build, Owner: AWS, Provider: CodeBuild, Version: 1}') },
    { name: 'a custom action at version 2', code: action("{Category: Build, Owner: Custom, Provider: Jenkins, Version: '2'}") },
  ],
  invalid: [
    { name: 'version 2 of an AWS provider', code: action("{Category: Build, Owner: AWS, Provider: CodeBuild, Version: '2'}"), errors: [{ line: 18, text: "'2'", severity: 'warning' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([cfnAction('Release', {}, {})]).replace('"version": "1"', '"version": "1.0"'),
      errors: [{ line: 19, text: '"1.0"' }],
    },
  ],
});
