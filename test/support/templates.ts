/** Small builders for test templates, so each case shows only what it is about. */

/** A CloudFormation template with one pipeline whose last stage holds `actionsYaml` (indented under `Actions:`). */
export function pipelineYaml(actionsYaml: string, extra: { parameters?: string; pipelineRole?: string } = {}): string {
  const indented = actionsYaml.trim().split('\n').map((line) => `            ${line}`).join('\n');
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ProdAccountId:
    Type: String
    Default: '222222222222'
${extra.parameters ?? ''}Resources:
  PipelineRole:
    Type: AWS::IAM::Role
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: ${extra.pipelineRole ?? '!GetAtt PipelineRole.Arn'}
      Stages:
        - Name: Deploy
          Actions:
${indented}
`;
}

/** get-pipeline output with the pipeline in 111111111111 and `actions` as its last stage. */
export function getPipelineJson(actions: readonly unknown[], roleArn = 'arn:aws:iam::111111111111:role/pipeline-role'): string {
  return JSON.stringify({
    pipeline: {
      name: 'p', roleArn, artifactStore: { type: 'S3', location: 'bucket' },
      stages: [{ name: 'Deploy', actions }],
    },
    metadata: { pipelineArn: 'arn:aws:codepipeline:eu-west-1:111111111111:p' },
  }, null, 2) + '\n';
}

export function cfnAction(name: string, extra: Record<string, unknown>, configuration: Record<string, unknown>): Record<string, unknown> {
  return {
    name,
    actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' },
    configuration: { ActionMode: 'CHANGE_SET_REPLACE', StackName: 'app', ChangeSetName: 'cs', TemplatePath: 'Build::t.yaml', ...configuration },
    inputArtifacts: [{ name: 'Build' }],
    ...extra,
  };
}
