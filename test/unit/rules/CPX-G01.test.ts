import { rule } from '../../../src/core/rules/CPX-G01';
import { ruleTester } from '../../support/rule-tester';
import { pipelineTemplate } from '../../support/pipelines';
import { getPipelineJson } from '../../support/templates';

const pipeline = (stores: string): string => pipelineTemplate(`${stores}      Stages: []\n`);

const SINGLE = '      ArtifactStore: {Type: S3, Location: artifacts}\n';
const MULTIPLE = '      ArtifactStores:\n        - {Region: eu-west-1, ArtifactStore: {Type: S3, Location: artifacts-eu}}\n';

ruleTester(rule, {
  valid: [
    { name: 'one store', code: pipeline(SINGLE) },
    { name: 'stores per region', code: pipeline(MULTIPLE) },
    {
      name: 'the two behind opposite branches of one condition',
      code: pipeline("      ArtifactStore: !If [MultiRegion, !Ref AWS::NoValue, {Type: S3, Location: artifacts}]\n      ArtifactStores: !If [MultiRegion, [{Region: eu-west-1, ArtifactStore: {Type: S3, Location: a}}], !Ref AWS::NoValue]\n"),
    },
    { name: 'a pipeline rewritten by a macro', code: pipeline('').replace('    Type: AWS', '    Fn::Transform: {Name: AddStores}\n    Type: AWS') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([]) },
  ],
  invalid: [
    { name: 'both', code: pipeline(SINGLE + MULTIPLE), errors: [{ line: 8, text: 'ArtifactStores', severity: 'error' }] },
    { name: 'neither', code: pipeline(''), errors: [{ line: 5, text: 'Properties', severity: 'error' }] },
    { name: 'neither when a condition is false: a warning', code: pipeline("      ArtifactStore: !If [HasBucket, {Type: S3, Location: artifacts}, !Ref AWS::NoValue]\n"), errors: [{ line: 7, text: 'ArtifactStore', severity: 'warning' }] },
    {
      name: 'get-pipeline JSON: both',
      fileName: 'p.json',
      code: getPipelineJson([]).replace('"stages"', '"artifactStores": {"eu-west-1": {"type": "S3", "location": "b"}},\n    "stages"'),
      errors: [{ line: 9, text: '"artifactStores"' }],
    },
  ],
});
