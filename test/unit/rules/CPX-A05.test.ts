import { rule } from '../../../src/core/rules/CPX-A05';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { pipelineTemplate } from '../../support/pipelines';

const pipeline = (sourceRole: string, buildRole: string, format = 'CODEBUILD_CLONE_REF'): string => pipelineTemplate(`      ArtifactStore: {Type: S3, Location: artifacts}
      Stages:
        - Name: Source
          Actions:
            - Name: Checkout
              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}
              Configuration: {RepositoryName: app, BranchName: main, OutputArtifactFormat: ${format}}
              OutputArtifacts: [{Name: Clone}]${sourceRole}
        - Name: Build
          Actions:
            - Name: Compile
              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
              Configuration: {ProjectName: app}
              InputArtifacts: [{Name: Clone}]${buildRole}
`);

const devRole = '\n              RoleArn: arn:aws:iam::333333333333:role/build';
const repoRole = '\n              RoleArn: arn:aws:iam::333333333333:role/source';

ruleTester(rule, {
  valid: [
    { name: 'both in the pipeline account', code: pipeline('', '') },
    { name: 'both in the other account', code: pipeline(repoRole, devRole) },
    { name: 'a zip, not a clone', code: pipeline('', devRole, 'CODE_ZIP') },
    { name: 'build account unknown', code: pipeline('', '\n              RoleArn: !Ref BuildRoleArn') },
  ],
  invalid: [
    {
      name: 'CodeBuild in another account',
      code: pipeline('', devRole),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 20, text: '{Name: Clone}', severity: 'error' }],
    },
    { name: 'the pipeline account known from the pipeline role', code: pipeline(repoRole, ''), errors: [{ line: 21 }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{
        name: 'Compile', actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }, configuration: { ProjectName: 'app' },
        inputArtifacts: [{ name: 'Clone' }], roleArn: 'arn:aws:iam::333333333333:role/build',
      }]).replace('"stages": [', `"stages": [
      {"name": "Source", "actions": [{"name": "Checkout", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeCommit", "version": "1"}, "configuration": {"RepositoryName": "app", "BranchName": "main", "OutputArtifactFormat": "CODEBUILD_CLONE_REF"}, "outputArtifacts": [{"name": "Clone"}]}]},`),
      errors: [{ line: 26, text: '{\n                "name": "Clone"\n              }' }],
    },
  ],
});
