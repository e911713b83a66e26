import { rule } from '../../../src/core/rules/CPX-A06';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const build = (inputs: string, outputs = '[{Name: Built}]', extra = ''): string => stagesYaml(`
- Name: Compile
  ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
  Configuration: {ProjectName: app}
  InputArtifacts: ${inputs}
  OutputArtifacts: ${outputs}${extra}
`);

/** cfn-lint #4584: a source output named per Fn::If branch, each name consumed by its own kind of action. */
const conditionalName = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  FullClone: !Equals [!Ref CloneMode, full]
Parameters:
  CloneMode: {Type: String, AllowedValues: [full, zip]}
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/pipeline
      ArtifactStore: {Type: S3, Location: artifacts}
      Stages:
        - Name: Source
          Actions:
            - Name: Checkout
              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1'}
              Configuration:
                ConnectionArn: arn:aws:codeconnections:eu-west-1:111111111111:connection/abc
                FullRepositoryId: org/app
                BranchName: main
                OutputArtifactFormat: !If [FullClone, CODEBUILD_CLONE_REF, CODE_ZIP]
              OutputArtifacts:
                - Name: !If [FullClone, SourceClone, SourceZip]
        - Name: Build
          Actions:
            - Name: Compile
              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
              Configuration: {ProjectName: app}
              InputArtifacts:
                - Name: !If [FullClone, SourceClone, SourceZip]
            - Name: Publish
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {BucketName: site, Extract: 'true'}
              InputArtifacts:
                - !If [FullClone, !Ref AWS::NoValue, {Name: SourceZip}]
`;

const codeBuild = (name: string, output: string): Record<string, unknown> => ({
  name, actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
  configuration: { ProjectName: name }, inputArtifacts: [{ name: 'Build' }], outputArtifacts: [{ name: output }],
});

/** get-pipeline output: an S3 source producing Build, then two builds. */
const apiPipeline = (secondOutput: string): string => getPipelineJson([codeBuild('A', 'Out'), codeBuild('B', secondOutput)]).replace('"name": "Deploy",', '"name": "Build",').replace('"stages": [', `"stages": [
      {"name": "Source", "actions": [{"name": "S", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"}, "configuration": {"S3Bucket": "b", "S3ObjectKey": "k"}, "outputArtifacts": [{"name": "Build"}]}]},`);

ruleTester(rule, {
  valid: [
    { name: 'produced earlier', code: build('[{Name: Build}]') },
    { name: 'cfn-lint #4584: one output name per Fn::If branch, consumed per branch', code: conditionalName },
    {
      name: 'cfn-lint #4672 shape: one source per kind of repository, each producing the same artifact',
      code: build('[{Name: Src}]', '[{Name: Built}]').replace('        - Name: Source\n', `        - !If
          - UseCodeCommit
          - Name: Repository
            Actions:
              - {Name: Repo, ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}, Configuration: {RepositoryName: r, BranchName: main}, OutputArtifacts: [{Name: Src}]}
          - !Ref AWS::NoValue
        - !If
          - UseS3
          - Name: Archive
            Actions:
              - {Name: Zip, ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}, Configuration: {S3Bucket: b, S3ObjectKey: k}, OutputArtifacts: [{Name: Src}]}
          - !Ref AWS::NoValue
        - Name: Source\n`),
    },
    { name: 'outputs with the same name in opposite branches', code: build('[{Name: Build}]', '[!If [C, {Name: Built}, {Name: Other}]]') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: apiPipeline('Out2') },
  ],
  invalid: [
    { name: 'never produced', code: build('[{Name: Sources}]'), errors: [{ line: 20, text: '{Name: Sources}', severity: 'error' }] },
    {
      name: 'produced later in the same stage',
      code: build('[{Name: Build}, {Name: Tested}]', '[{Name: Built}]', `
- Name: Test
  ActionTypeId: {Category: Test, Owner: AWS, Provider: CodeBuild, Version: '1'}
  Configuration: {ProjectName: test}
  InputArtifacts: [{Name: Built}]
  OutputArtifacts: [{Name: Tested}]
  RunOrder: 2`),
      errors: [{ line: 20, text: '{Name: Tested}' }],
    },
    {
      name: 'produced only where the consumer cannot exist',
      code: build('[!If [C, {Name: Built}, !Ref AWS::NoValue]]', '[!If [C, !Ref AWS::NoValue, {Name: Built}]]'),
      errors: [{ line: 20 }],
    },
    { name: 'an output name used twice', code: build('[{Name: Build}]', '[{Name: Build}]'), errors: [{ line: 21, text: '{Name: Build}' }] },
    { name: 'get-pipeline JSON: a duplicate output', fileName: 'p.json', code: apiPipeline('Out'), errors: [{ line: 53 }] },
  ],
});
