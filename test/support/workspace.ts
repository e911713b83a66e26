import assert from 'node:assert/strict';
import { applyEdits, RULES, Workspace } from '../../src/core';

/**
 * The seed answer as two files: the CI account's pipeline (with the action role where it belongs,
 * beside `Configuration`) and the DEV account's roles, with variants for the workspace rules.
 */

export const CI_PIPELINE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DevAccountId:
    Type: String
    Default: '333333333333'
    AllowedPattern: '\\d{12}'
Resources:
  ArtifactBucket:
    Type: AWS::S3::Bucket
  CodePipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: codepipeline.amazonaws.com}
            Action: sts:AssumeRole
  CodePipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt CodePipelineRole.Arn
      ArtifactStore: {Type: S3, Location: !Ref ArtifactBucket}
      Stages:
        - Name: Source
          Actions:
            - Name: source
              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {S3Bucket: !Ref ArtifactBucket, S3ObjectKey: build.zip}
              OutputArtifacts: [{Name: BuildArtifact}]
        - Name: StagingDev
          Actions:
            - Name: create-changeset
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              RoleArn: !Sub "arn:aws:iam::\${DevAccountId}:role/cross-account-role"
              Configuration:
                StackName: app-stack-dev
                ActionMode: CHANGE_SET_REPLACE
                ChangeSetName: app-changeset-dev
                TemplatePath: "BuildArtifact::template.yml"
                RoleArn: !Sub "arn:aws:iam::\${DevAccountId}:role/cloudformation-role"
              InputArtifacts: [{Name: BuildArtifact}]
`;

export const TRUST_CI = 'AWS: !Sub "arn:aws:iam::${CIAccountId}:root"';
export const PASS_ROLE = '              - iam:PassRole\n';
export const TRUST_CLOUDFORMATION = 'Service: cloudformation.amazonaws.com';

/** The DEV account's roles; the trust and permissions of the two roles can be swapped out. */
export const DEV_ROLES = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  CIAccountId:
    Type: String
    Default: '111111111111'
Resources:
  CrossAccountRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: cross-account-role
      Path: /
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              ${TRUST_CI}
            Action: sts:AssumeRole
  CrossAccountPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: CrossAccountPolicy
      Roles: [!Ref CrossAccountRole]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action:
              - cloudformation:*
              - s3:*
${PASS_ROLE}            Resource: "*"
  CloudFormationRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: cloudformation-role
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {${TRUST_CLOUDFORMATION}}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
`;

/** The pipeline and the roles in one template: how a rule test sees both files at once. */
export function combined(devRoles: string = DEV_ROLES): string {
  const roles = devRoles.slice(devRoles.indexOf('Resources:\n') + 'Resources:\n'.length);
  return CI_PIPELINE.replace("Resources:\n", `  CIAccountId:\n    Type: String\n    Default: '111111111111'\nResources:\n${roles}`);
}

export function lineOf(code: string, text: string, from = 0): number {
  const index = code.indexOf(text, from);
  if (index < 0) throw new Error(`'${text}' not in the code`);
  return code.slice(0, index).split('\n').length;
}

/** The DEV account's stack with the action role `deployer` of the artifact tests, its policy reading artifacts but not the key. */
export const DEPLOYER_STACK = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ArtifactKeyArn:
    Type: String
Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deployer
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: arn:aws:iam::111111111111:root}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: artifacts
          PolicyDocument:
            Statement:
              # the artifact bucket is in the pipeline account
              - Effect: Allow
                Action: ['s3:GetObject*']
                Resource: '*'
`;

/** The account the workspace tests run the pipeline in (the CI account). */
export const PIPELINE_ACCOUNT = new Map([['AWS::AccountId', '111111111111']]);

/** Insert `addition` after the first `anchor` at or after `from`. */
export function insertAfter(text: string, from: string, anchor: string, addition: string): string {
  const at = text.indexOf(anchor, text.indexOf(from));
  if (text.indexOf(from) < 0 || at < 0) throw new Error(`'${anchor}' after '${from}' not in the text`);
  return text.slice(0, at + anchor.length) + addition + text.slice(at + anchor.length);
}

/**
 * Applies the fix of the rule's one finding in `ci.yaml` to the file it edits, and checks what a fix
 * into another file must do: name that file, make the finding go away when the workspace is linted
 * again, and not be offered again. Returns the fixed text of that file.
 */
export function applyCrossFileFix(files: Readonly<Record<string, string>>, ruleId: string, roleFile = 'dev.yaml'): string {
  const space = new Workspace({ rules: RULES, parameterValues: PIPELINE_ACCOUNT });
  for (const [name, text] of Object.entries(files)) space.set(name, text);
  const findings = space.lint('ci.yaml').findings.filter((finding) => finding.ruleId === ruleId);
  assert.equal(findings.length, 1, `one ${ruleId} finding`);
  const [fix, ...others] = findings[0].fixes;
  assert.ok(fix && others.length === 0, 'one fix offered');
  assert.equal(fix.fileName, roleFile, 'the fix edits the role\'s file');
  const fixed = applyEdits(files[roleFile], fix.edits);
  space.set(roleFile, fixed);
  assert.deepEqual(space.lint(roleFile).model?.source.problems.filter((problem) => problem.code === 'syntax') ?? [], [], 'the fixed file parses');
  assert.deepEqual(space.lint('ci.yaml').findings.filter((finding) => finding.ruleId === ruleId), [], 'the finding is gone');
  return fixed;
}
