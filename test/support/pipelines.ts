/** Builders for the action-configuration and structure rule tests: whole documents around a few actions. */

export const CFN_TYPE = { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' };

/** A CloudFormation template in JSON whose pipeline's last stage holds `actions`. */
export function templateJson(actions: readonly unknown[], properties: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Pipeline: {
        Type: 'AWS::CodePipeline::Pipeline',
        Properties: {
          RoleArn: 'arn:aws:iam::111111111111:role/pipeline',
          ArtifactStore: { Type: 'S3', Location: 'artifacts' },
          Stages: [{ Name: 'Deploy', Actions: actions }],
          ...properties,
        },
      },
    },
  }, null, 2) + '\n';
}

/** A CloudFormation deploy action in CloudFormation's spelling, for `templateJson`. */
export function cfnDeploy(configuration: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Name: 'Deploy', ActionTypeId: CFN_TYPE, Configuration: configuration, InputArtifacts: [{ Name: 'Build' }], ...extra };
}

/** One CloudFormation action `Release` in `mode` on stack `app`, with more `Configuration` lines after `StackName`. */
export function releaseInMode(mode: string, moreConfiguration: string): string {
  return stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: ${mode}
    StackName: app${moreConfiguration}
`);
}

/** A template in YAML with a source stage and a stage holding `actionsYaml` (indented under `Actions:`). */
export function stagesYaml(actionsYaml: string, properties = ''): string {
  const indented = actionsYaml.trim().split('\n').map((line) => `            ${line}`).join('\n');
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/pipeline
      ArtifactStore: {Type: S3, Location: artifacts}${properties}
      Stages:
        - Name: Source
          Actions:
            - Name: Fetch
              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {S3Bucket: sources, S3ObjectKey: app.zip}
              OutputArtifacts: [{Name: Build}]
        - Name: Deploy
          Actions:
${indented}
`;
}

/**
 * A template that holds a pipeline deploying this very template (`Build::infra/app.yaml`, to be
 * linted as `infra/app.yaml`), the one deployed template a single file shows.
 */
export function selfDeployingYaml(configuration: string, template: { transform?: string; resources?: string } = {}): string {
  const lines = configuration.trim().split('\n').map((line) => `                ${line}`).join('\n');
  return `AWSTemplateFormatVersion: '2010-09-09'
${template.transform ? `Transform: ${template.transform}\n` : ''}Resources:
${template.resources ?? ''}  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/pipeline
      ArtifactStore: {Type: S3, Location: artifacts}
      Stages:
        - Name: Deploy
          Actions:
            - Name: Release
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              Configuration:
                StackName: app
                TemplatePath: Build::infra/app.yaml
${lines}
              InputArtifacts: [{Name: Build}]
`;
}

export const SELF = 'repo/infra/app.yaml';

/** A template with one pipeline in account 111111111111: `properties` are the lines after its RoleArn. */
export function pipelineTemplate(properties: string): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/pipeline
${properties}`;
}

/** `selfDeployingYaml` in CloudFormation JSON: the pipeline deploys `Build::infra/app.json`, to be linted as `SELF_JSON`. */
export function selfDeployingJson(configuration: Record<string, unknown>, template: { transform?: string; resources?: Record<string, unknown> } = {}): string {
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    ...(template.transform ? { Transform: template.transform } : {}),
    Resources: {
      ...template.resources,
      Pipeline: {
        Type: 'AWS::CodePipeline::Pipeline',
        Properties: {
          RoleArn: 'arn:aws:iam::111111111111:role/pipeline',
          ArtifactStore: { Type: 'S3', Location: 'artifacts' },
          Stages: [{
            Name: 'Deploy',
            Actions: [{ ...cfnDeploy({ StackName: 'app', TemplatePath: 'Build::infra/app.json', ...configuration }), Name: 'Release' }],
          }],
        },
      },
    },
  }, null, 2) + '\n';
}

export const SELF_JSON = 'repo/infra/app.json';
