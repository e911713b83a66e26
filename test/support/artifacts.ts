import { parseSource, plainValue } from '../../src/core/source';

/**
 * A pipeline in account 111111111111 (given as AWS::AccountId) that deploys into the DEV account
 * (`DevAccountId`, 333333333333), with every grant in place. Each slot can be replaced, so a test
 * shows only the part it is about.
 */
export interface ArtifactSlots {
  /** Items of `KeyPolicy.Statement`, indented for the list. */
  readonly keyStatements?: string;
  /** Items of the bucket policy's `Statement`; `null` leaves the bucket policy out. */
  readonly bucketStatements?: string | null;
  /** Items of the pipeline role's inline policy. */
  readonly pipelineStatements?: string;
  /** The artifact store's `EncryptionKey`, or `null` for none. */
  readonly encryptionKey?: string | null;
  readonly bucketProperties?: string;
  /** More resources, indented under `Resources`. */
  readonly resources?: string;
  /** The deploy stage's actions, indented for the list. */
  readonly deployActions?: string;
}

export const DEV_ROOT = `!Sub 'arn:aws:iam::\${DevAccountId}:root'`;
export const DEPLOYER = `!Sub 'arn:aws:iam::\${DevAccountId}:role/deployer'`;
export const PIPELINE_ACCOUNT = { 'AWS::AccountId': '111111111111' };

const KEY_STATEMENTS = `
          - Sid: Admin
            Effect: Allow
            Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}
            Action: 'kms:*'
            Resource: '*'
          - Sid: Dev
            Effect: Allow
            Principal: {AWS: ${DEV_ROOT}}
            Action: [kms:Decrypt, kms:DescribeKey, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*]
            Resource: '*'`;

const BUCKET_STATEMENTS = `
          - Effect: Allow
            Principal: {AWS: ${DEV_ROOT}}
            Action: ['s3:Get*', 's3:Put*', 's3:ListBucket']
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']`;

const PIPELINE_STATEMENTS = `
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: !Sub 'arn:aws:iam::\${DevAccountId}:role/*'`;

export const DEPLOY_ACTION = `
            - Name: Deploy
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
              RoleArn: ${DEPLOYER}
              Configuration:
                ActionMode: CREATE_UPDATE
                StackName: app
                TemplatePath: Src::template.yaml
                RoleArn: !Sub 'arn:aws:iam::\${DevAccountId}:role/cfn'
              InputArtifacts: [{Name: Src}]`;

export function artifactPipeline(slots: ArtifactSlots = {}): string {
  const bucketPolicy = slots.bucketStatements === null ? '' : `
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Statement:${slots.bucketStatements ?? BUCKET_STATEMENTS}`;
  const encryptionKey = slots.encryptionKey === null ? '' : `
        EncryptionKey: ${slots.encryptionKey ?? '{Id: !GetAtt Key.Arn, Type: KMS}'}`;
  return `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  DevAccountId: {Type: String, Default: '333333333333'}
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: '2012-10-17'
        Statement:${slots.keyStatements ?? KEY_STATEMENTS}
  Bucket:
    Type: AWS::S3::Bucket
    Properties:${slots.bucketProperties ?? '\n      VersioningConfiguration: {Status: Enabled}'}${bucketPolicy}
  PipelineRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: assume
          PolicyDocument:
            Statement:${slots.pipelineStatements ?? PIPELINE_STATEMENTS}${slots.resources ?? ''}
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: !GetAtt PipelineRole.Arn
      ArtifactStore:
        Type: S3
        Location: !Ref Bucket${encryptionKey}
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}
              Configuration: {RepositoryName: app, BranchName: main}
              OutputArtifacts: [{Name: Src}]
        - Name: Deploy
          Actions:${slots.deployActions ?? DEPLOY_ACTION}
`;
}

/** The same template as JSON (intrinsics in long form), the way `aws cloudformation` and editors print it. */
export function toJson(yaml: string): string {
  const root = parseSource(yaml, 'yaml').root;
  if (!root) throw new Error('test template does not parse');
  return `${JSON.stringify(plainValue(root), null, 2)}\n`;
}

/** 1-based line of the first occurrence of a snippet (the n-th with `occurrence`). */
export function lineOf(code: string, snippet: string, occurrence = 1): number {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = code.indexOf(snippet, at + 1);
    if (at < 0) throw new Error(`snippet not found: ${snippet}`);
  }
  return code.slice(0, at).split('\n').length;
}
