import { rule } from '../../../src/core/rules/CPX-C14';
import { ruleTester } from '../../support/rule-tester';

const withRole = (actions: string, policy: string, managed = ''): string => `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}]}${managed}
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: ${actions}, Resource: '*'}
${policy}  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt DeployRole.Arn
      Stages:
        - Name: Deploy
          Actions:
            - Name: Release
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              Configuration: {ActionMode: CREATE_UPDATE, StackName: app}
`;

const attachedPolicy = `  EventsPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: events
      Roles: [!Ref DeployRole]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: 'cloudformation:DescribeStack*', Resource: '*'}
`;

ruleTester(rule, {
  valid: [
    { name: 'allowed by name', code: withRole('[cloudformation:CreateStack, cloudformation:DescribeStackEvents]', '') },
    { name: 'allowed by a wildcard', code: withRole("'cloudformation:*'", '') },
    { name: 'allowed by an attached policy', code: withRole('cloudformation:CreateStack', attachedPolicy) },
    { name: 'a managed policy may allow it', code: withRole('cloudformation:CreateStack', '', '\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSCloudFormationFullAccess]') },
  ],
  invalid: [
    { name: 'not allowed', code: withRole('[cloudformation:CreateStack, cloudformation:UpdateStack]', ''), errors: [{ line: 19, text: 'Release', severity: 'info' }] },
    {
      name: 'template in JSON',
      fileName: 't.json',
      code: JSON.stringify({
        Resources: {
          Deployer: { Type: 'AWS::IAM::Role', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'cloudformation:CreateStack', Resource: '*' }] } }] } },
          Pipeline: { Type: 'AWS::CodePipeline::Pipeline', Properties: { RoleArn: { 'Fn::GetAtt': ['Deployer', 'Arn'] }, Stages: [{ Name: 'Deploy', Actions: [{
            Name: 'Release', ActionTypeId: { Category: 'Deploy', Owner: 'AWS', Provider: 'CloudFormation', Version: '1' }, Configuration: { ActionMode: 'CREATE_UPDATE', StackName: 'app' },
          }] }] } },
        },
      }, null, 2),
      errors: [{ line: 36, text: '"Release"' }],
    },
  ],
});
