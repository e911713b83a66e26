import { rule } from '../../../src/core/rules/CPX-G05';
import { ruleTester } from '../../support/rule-tester';
import { pipelineTemplate } from '../../support/pipelines';
import { getPipelineJson } from '../../support/templates';

const pipeline = (region: string): string => pipelineTemplate(`      ArtifactStores:
        - {Region: ${region}, ArtifactStore: {Type: S3, Location: artifacts}}
      Stages: []
`);

const api = (region: string): string =>
  getPipelineJson([]).replace('"artifactStore": {', `"artifactStores": {\n      "${region}": {"type": "S3", "location": "b"}\n    },\n    "unused": {`);

ruleTester(rule, {
  valid: [
    { name: 'a Region', code: pipeline('ap-southeast-2') },
    { name: 'the pipeline region', code: pipeline('!Ref AWS::Region') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api('af-south-1') },
  ],
  invalid: [
    { name: 'not a region name', code: pipeline('EU-WEST-1'), errors: [{ line: 8, text: 'EU-WEST-1', severity: 'error' }] },
    { name: 'an availability zone', code: pipeline('eu-west-1a'), errors: [{ line: 8, text: 'eu-west-1a', severity: 'error' }] },
    { name: 'well formed but unknown: a warning', code: pipeline('eu-east-9'), errors: [{ line: 8, severity: 'warning' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api('us-west'), errors: [{ line: 6, text: '"us-west"' }] },
  ],
});
