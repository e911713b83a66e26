import { rule } from '../../../src/core/rules/CPX-G02';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (region: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration: {ActionMode: CREATE_UPDATE, StackName: app}
  Region: ${region}
`);

ruleTester(rule, {
  valid: [
    { name: 'the pipeline region by pseudo parameter', code: deploy('!Ref AWS::Region') },
    { name: 'the pipeline region by name', code: deploy('eu-west-1'), parameters: { 'AWS::Region': 'eu-west-1' } },
    { name: 'a region parameter without a value', code: deploy('!Ref TargetRegion') },
    { name: 'get-pipeline JSON in the pipeline region', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', { region: 'eu-west-1' }, {})]) },
  ],
  invalid: [
    { name: 'another region', code: deploy('us-east-1'), parameters: { 'AWS::Region': 'eu-west-1' }, errors: [{ line: 20, text: 'us-east-1', severity: 'error' }] },
    { name: 'pipeline region unknown: a warning', code: deploy('us-east-1'), errors: [{ line: 20, severity: 'warning' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', { region: 'us-east-1' }, {})]), errors: [{ line: 32, text: '"us-east-1"' }] },
  ],
});
