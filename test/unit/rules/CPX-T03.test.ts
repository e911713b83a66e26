import { rule } from '../../../src/core/rules/CPX-T03';
import { ruleTester } from '../../support/rule-tester';
import { pipelineTemplate } from '../../support/pipelines';
import { getPipelineJson } from '../../support/templates';

const SOURCE = "{Name: Fetch, ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}, Configuration: {S3Bucket: b, S3ObjectKey: k}, OutputArtifacts: [{Name: Src}]}";
const BUILD = "{Name: Compile, ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}, Configuration: {ProjectName: p}, InputArtifacts: [{Name: Src}]}";

const withStages = (stages: string): string => pipelineTemplate(`      ArtifactStore: {Type: S3, Location: artifacts}
      Stages:
${stages}`);

/** cfn-lint #4672: one conditional source stage per kind of source; exactly one exists, and it is first. */
const conditionalSources = withStages(`        - !If
          - UseCodeCommit
          - Name: Source
            Actions:
              - {Name: Repo, ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}, Configuration: {RepositoryName: r, BranchName: main}, OutputArtifacts: [{Name: Src}]}
          - !Ref AWS::NoValue
        - !If
          - UseS3
          - Name: Source
            Actions:
              - ${SOURCE}
          - !Ref AWS::NoValue
        - Name: Build
          Actions:
            - ${BUILD}
`);

ruleTester(rule, {
  valid: [
    { name: 'source first', code: withStages(`        - {Name: Source, Actions: [${SOURCE}]}\n        - {Name: Build, Actions: [${BUILD}]}\n`) },
    { name: 'cfn-lint #4672: conditional source stages', code: conditionalSources },
    { name: 'a pipeline rewritten by a macro', code: withStages(`        - {Name: Build, Actions: [${BUILD}]}\n`).replace('    Type: AWS', '    Fn::Transform: {Name: PipelineMacro}\n    Type: AWS') },
  ],
  invalid: [
    {
      name: 'a source in the second stage, a build in the first',
      code: withStages(`        - {Name: Build, Actions: [${BUILD}]}\n        - {Name: Source, Actions: [${SOURCE}]}\n`),
      errors: [{ line: 9, text: 'Compile', severity: 'error' }, { line: 10, text: 'Source' }],
    },
    {
      name: 'an unconditional stage before a conditional source stage',
      code: withStages(`        - {Name: Source, Actions: [${SOURCE}]}\n        - !If [Extra, {Name: More, Actions: [${SOURCE.replace('Fetch', 'Fetch2').replace('Src', 'Src2')}]}, !Ref AWS::NoValue]\n`),
      errors: [{ line: 10 }],
    },
    { name: 'one stage', code: withStages(`        - {Name: Source, Actions: [${SOURCE}]}\n`), errors: [{ line: 8, text: 'Stages' }] },
    {
      name: 'get-pipeline JSON: a source action in the last stage',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Late', actionTypeId: { category: 'Source', owner: 'AWS', provider: 'S3', version: '1' }, outputArtifacts: [{ name: 'X' }] }]).replace('"stages": [', `"stages": [
      {"name": "Source", "actions": [{"name": "S", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"}, "outputArtifacts": [{"name": "Build"}]}]},`),
      errors: [{ line: 17, text: '"Source"' }],
    },
  ],
});
