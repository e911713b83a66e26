import { rule } from '../../../src/core/rules/CPX-G01';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';

const pipeline = (stores: string): string => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/pipeline${stores}
      Stages: []
`;

const SINGLE = '\n      ArtifactStore: {Type: S3, Location: artifacts}';
const MULTIPLE = '\n      ArtifactStores:\n        - {Region: eu-west-1, ArtifactStore: {Type: S3, Location: artifacts-eu}}';

ruleTester(rule, {
  valid: [
    { name: 'one store', code: pipeline(SINGLE) },
    { name: 'stores per region', code: pipeline(MULTIPLE) },
    {
      name: 'the two behind opposite branches of one condition',
      code: pipeline("\n      ArtifactStore: !If [MultiRegion, !Ref AWS::NoValue, {Type: S3, Location: artifacts}]\n      ArtifactStores: !If [MultiRegion, [{Region: eu-west-1, ArtifactStore: {Type: S3, Location: a}}], !Ref AWS::NoValue]"),
    },
    { name: 'a pipeline rewritten by a macro', code: pipeline('').replace('    Type: AWS', '    Fn::Transform: {Name: AddStores}\n    Type: AWS') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([]) },
  ],
  invalid: [
    { name: 'both', code: pipeline(SINGLE + MULTIPLE), errors: [{ line: 8, text: 'ArtifactStores', severity: 'error' }] },
    { name: 'neither', code: pipeline(''), errors: [{ line: 5, text: 'Properties', severity: 'error' }] },
    { name: 'neither when a condition is false: a warning', code: pipeline("\n      ArtifactStore: !If [HasBucket, {Type: S3, Location: artifacts}, !Ref AWS::NoValue]"), errors: [{ line: 7, text: 'ArtifactStore', severity: 'warning' }] },
    {
      name: 'get-pipeline JSON: both',
      fileName: 'p.json',
      code: getPipelineJson([]).replace('"stages"', '"artifactStores": {"eu-west-1": {"type": "S3", "location": "b"}},\n    "stages"'),
      errors: [{ line: 9, text: '"artifactStores"' }],
    },
  ],
});
