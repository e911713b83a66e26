import { rule } from '../../../src/core/rules/CPX-G03';
import { ruleTester } from '../../support/rule-tester';
import { pipelineTemplate } from '../../support/pipelines';
import { cfnAction, getPipelineJson } from '../../support/templates';

const pipeline = (stores: string, region: string): string => pipelineTemplate(`      ArtifactStores:
${stores}
      Stages:
        - Name: Deploy
          Actions:
            - Name: Release
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              Configuration: {ActionMode: CREATE_UPDATE, StackName: app}
              Region: ${region}
`);

const HOME = '        - {Region: !Ref AWS::Region, ArtifactStore: {Type: S3, Location: artifacts}}';
const US = '        - {Region: us-east-1, ArtifactStore: {Type: S3, Location: artifacts-us}}';
const api = (stores: Record<string, unknown>, region: string): string =>
  getPipelineJson([cfnAction('Release', { region }, {})]).replace('"artifactStore": {\n      "type": "S3",\n      "location": "bucket"\n    }', `"artifactStores": ${JSON.stringify(stores)}`);

ruleTester(rule, {
  valid: [
    { name: 'a store per region', code: pipeline(`${HOME}\n${US}`, 'us-east-1') },
    { name: 'pipeline region unknown: not certain', code: pipeline(HOME, 'us-east-1') },
    { name: 'a region from a parameter without a value', code: pipeline(HOME, '!Ref Target') },
    { name: 'the store behind a condition', code: pipeline(`${HOME}\n        - !If [UsEast, {Region: us-east-1, ArtifactStore: {Type: S3, Location: b}}, !Ref AWS::NoValue]`, 'us-east-1') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api({ 'eu-west-1': { type: 'S3', location: 'a' }, 'us-east-1': { type: 'S3', location: 'b' } }, 'us-east-1') },
  ],
  invalid: [
    { name: 'no store for the action region', code: pipeline(HOME, 'us-east-1'), parameters: { 'AWS::Region': 'eu-west-1' }, errors: [{ line: 15, text: 'us-east-1', severity: 'error' }] },
    { name: 'no store for the pipeline region', code: pipeline(US, 'us-east-1'), parameters: { 'AWS::Region': 'eu-west-1' }, errors: [{ line: 7, text: 'ArtifactStores' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api({ 'eu-west-1': { type: 'S3', location: 'a' } }, 'us-east-1'), errors: [{ line: 29, text: '"us-east-1"' }] },
  ],
});
