import { rule } from '../../../src/core/rules/CPX-S10';
import { ruleTester } from '../../support/rule-tester';

const stackSet = (permissionModel: string, transform: string): string => `AWSTemplateFormatVersion: '2010-09-09'
${transform}Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111111111111:role/pipeline
      ArtifactStore: {Type: S3, Location: artifacts}
      Stages:
        - Name: Deploy
          Actions:
            - Name: Baseline
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormationStackSet, Version: '1'}
              Configuration:
                StackSetName: baseline
                TemplatePath: Build::infra/app.yaml
                PermissionModel: ${permissionModel}
                DeploymentTargets: ou-abcd-12345678
              InputArtifacts: [{Name: Build}]
`;

const SAM = 'Transform: AWS::Serverless-2016-10-31\n';

ruleTester(rule, {
  valid: [
    { name: 'self-managed', fileName: 'repo/infra/app.yaml', code: stackSet('SELF_MANAGED', SAM) },
    { name: 'service-managed without a macro', fileName: 'repo/infra/app.yaml', code: stackSet('SERVICE_MANAGED', '') },
  ],
  invalid: [
    { name: 'service-managed with a transform', fileName: 'repo/infra/app.yaml', code: stackSet('SERVICE_MANAGED', SAM), errors: [{ line: 17, text: 'SERVICE_MANAGED', severity: 'error' }] },
    {
      name: 'template in JSON',
      fileName: 'repo/infra/app.json',
      code: JSON.stringify({
        Transform: 'AWS::Serverless-2016-10-31',
        Resources: { Pipeline: { Type: 'AWS::CodePipeline::Pipeline', Properties: { Stages: [{ Name: 'Deploy', Actions: [{
          Name: 'Baseline', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormationStackSet', Version: '1' },
          Configuration: { StackSetName: 'baseline', TemplatePath: 'Build::infra/app.json', PermissionModel: 'SERVICE_MANAGED' },
          InputArtifacts: [{ Name: 'Build' }],
        }] }] } } },
      }, null, 2),
      errors: [{ line: 22, text: '"SERVICE_MANAGED"' }],
    },
  ],
});
