import { rule } from '../../../src/core/rules/CPX-G08';
import { ruleTester } from '../../support/rule-tester';
import { pipelineTemplate } from '../../support/pipelines';
import { getPipelineJson } from '../../support/templates';

const pipeline = (usBucket: string): string => pipelineTemplate(`      ArtifactStores:
        - {Region: eu-west-1, ArtifactStore: {Type: S3, Location: !Ref Artifacts}}
        - {Region: us-east-1, ArtifactStore: {Type: S3, Location: ${usBucket}}}
      Stages: []
  Artifacts:
    Type: AWS::S3::Bucket
`);

const api = (second: string): string => getPipelineJson([]).replace('"artifactStore": {', `"artifactStores": {
      "eu-west-1": {"type": "S3", "location": "artifacts"},
      "us-east-1": {"type": "S3", "location": "${second}"}
    },
    "unused": {`);

ruleTester(rule, {
  valid: [
    { name: 'a bucket per region', code: pipeline('artifacts-us-east-1') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api('artifacts-us') },
  ],
  invalid: [
    { name: 'the same bucket for two regions', code: pipeline('!Ref Artifacts'), errors: [{ line: 9, text: '!Ref Artifacts', severity: 'info' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api('artifacts'), errors: [{ line: 7, text: '"artifacts"' }] },
  ],
});
