import { rule } from '../../../src/core/rules/CPX-G04';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const action = (typeId: string, region: string): string => stagesYaml(`
- Name: Step
  ActionTypeId: ${typeId}
  Region: ${region}
`);

const S3_SOURCE = "{Category: Source, Owner: AWS, Provider: S3, Version: '1'}";

ruleTester(rule, {
  valid: [
    { name: 'a deploy action in another region', code: action("{Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}", 'us-east-1'), parameters: { 'AWS::Region': 'eu-west-1' } },
    { name: 'a source action naming the pipeline region', code: action(S3_SOURCE, '!Ref AWS::Region') },
  ],
  invalid: [
    { name: 'a source action in another region', code: action(S3_SOURCE, 'us-east-1'), parameters: { 'AWS::Region': 'eu-west-1' }, errors: [{ line: 19, text: 'Region', severity: 'error' }] },
    { name: 'pipeline region unknown: a warning', code: action(S3_SOURCE, 'us-east-1'), errors: [{ line: 19, severity: 'warning' }] },
    { name: 'a custom action', code: action("{Category: Build, Owner: Custom, Provider: Jenkins, Version: '1'}", 'us-east-1'), parameters: { 'AWS::Region': 'eu-west-1' }, errors: [{ line: 19 }] },
    {
      name: 'get-pipeline JSON: a third-party action',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Gh', actionTypeId: { category: 'Source', owner: 'ThirdParty', provider: 'GitHub', version: '1' }, region: 'us-east-1' }]),
      errors: [{ line: 21, text: '"region"' }],
    },
  ],
});
