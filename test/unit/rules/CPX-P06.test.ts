import { rule } from '../../../src/core/rules/CPX-P06';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const source = (connection: string): string => stagesYaml(`
- Name: Checkout
  ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1'}
  Configuration: {ConnectionArn: ${connection}, FullRepositoryId: org/app, BranchName: main}
  OutputArtifacts: [{Name: Src}]
`);

const api = (connection: string): string => getPipelineJson([{ name: 'Checkout', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'CodeStarSourceConnection', version: '1' }, configuration: { ConnectionArn: connection }, outputArtifacts: [{ name: 'Src' }] }]);

ruleTester(rule, {
  valid: [
    { name: 'the pipeline account', code: source('arn:aws:codeconnections:eu-west-1:111111111111:connection/abc') },
    { name: 'the pipeline account and region', fileName: 'p.json', code: api('arn:aws:codestar-connections:eu-west-1:111111111111:connection/abc') },
    { name: 'from a parameter', code: source('!Ref Connection') },
  ],
  invalid: [
    { name: 'another account', code: source('arn:aws:codeconnections:eu-west-1:222222222222:connection/abc'), errors: [{ line: 19, severity: 'warning' }] },
    { name: 'get-pipeline JSON: another region', fileName: 'p.json', code: api('arn:aws:codestar-connections:us-east-1:111111111111:connection/abc'), errors: [{ line: 22, text: '"arn:aws:codestar-connections:us-east-1:111111111111:connection/abc"' }] },
  ],
});
