import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, parseSource } from '../../src/core';
import { crossAccountUsers, readsPackagedArtifacts, storeBucket, storeKey, storeOf } from '../../src/core/model/access';
import type { DocumentModel } from '../../src/core/model/types';
import { artifactPipeline, DEPLOYER, PIPELINE_ACCOUNT } from '../support/artifacts';

function model(text: string, parameters: Record<string, string> = PIPELINE_ACCOUNT): DocumentModel {
  return buildModel(parseSource(text, 'yaml'), { parameterValues: new Map(Object.entries(parameters)) });
}

const PARAMETERS = 'Parameters:\n  KeyParam: {Type: String}\n  BucketName: {Type: String}\n  Named: {Type: String, Default: artifacts}';

describe('artifact access', () => {
  it('tells how the store names its key, and finds the key of the template behind it', () => {
    const forms = {
      '!GetAtt Key.Arn': ['arn', 'Key'],
      '!Ref Key': ['key-id', 'Key'],
      '!Ref KeyAlias': ['alias', 'Key'],
      'alias/artifacts': ['alias', 'Key'],
      "'arn:aws:kms:eu-west-1:111111111111:alias/artifacts'": ['alias', 'Key'],
      "!Sub 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:key/${Key}'": ['arn', 'Key'],
      "'1234abcd-12ab-34cd-56ef-1234567890ab'": ['key-id', undefined],
      '!Ref KeyParam': ['unknown', undefined],
    };
    for (const [id, expected] of Object.entries(forms)) {
      const m = model(artifactPipeline({
        encryptionKey: `{Id: ${id}, Type: KMS}`,
        resources: '\n  KeyAlias: {Type: AWS::KMS::Alias, Properties: {AliasName: alias/artifacts, TargetKeyId: !Ref Key}}',
      }).replace('Parameters:', PARAMETERS));
      const store = m.pipelines[0].artifactStore;
      assert.ok(store);
      const key = storeKey(m, store);
      assert.deepEqual([key?.form, key?.resource?.logicalId], expected, id);
    }
  });

  it('links the bucket policy to the store by Ref, by name, or by the same parameter', () => {
    const linked = (location: string, policyBucket: string, bucketName = ''): [boolean, string | undefined] => {
      const m = model(artifactPipeline({ bucketProperties: `\n      VersioningConfiguration: {Status: Enabled}${bucketName}` })
        .replace('Location: !Ref Bucket', `Location: ${location}`).replace('      Bucket: !Ref Bucket', `      Bucket: ${policyBucket}`)
        .replace('Parameters:', PARAMETERS));
      const store = m.pipelines[0].artifactStore;
      assert.ok(store);
      const bucket = storeBucket(m, store);
      return [bucket?.policies.some((policy) => policy.attached === 'yes') ?? false, bucket?.resource?.logicalId];
    };
    assert.deepEqual(linked('!Ref Bucket', '!Ref Bucket'), [true, 'Bucket']);
    assert.deepEqual(linked("!Sub '${Named}-bucket'", '!Ref Bucket', "\n      BucketName: !Sub '${Named}-bucket'"), [true, 'Bucket']);
    assert.deepEqual(linked('!Ref BucketName', '!Ref BucketName'), [true, undefined]);
    assert.deepEqual(linked('!Ref BucketName', 'other-bucket'), [false, undefined]);
  });

  it('finds the roles that run in another account, reading or writing', () => {
    const m = model(artifactPipeline().replace('OutputArtifacts: [{Name: Src}]', `OutputArtifacts: [{Name: Src}]\n              RoleArn: ${DEPLOYER}`));
    const users = crossAccountUsers(m, m.pipelines[0]);
    assert.deepEqual(users.map((user) => [user.action.name, user.role, user.level]), [['Source', 'action role', 'write'], ['Deploy', 'action role', 'read']]);
    assert.deepEqual(crossAccountUsers(model(artifactPipeline(), {}), model(artifactPipeline(), {}).pipelines[0]), [], 'not without the pipeline account');
  });

  it('counts the CloudFormation role as a reader when a build of the template packaged into the artifact bucket', () => {
    const packaging = (command: string, value = '!Ref Bucket'): DocumentModel => model(artifactPipeline({
      resources: `
  Project:
    Type: AWS::CodeBuild::Project
    Properties:
      Environment: {EnvironmentVariables: [{Name: BUCKET, Value: ${value}}]}
      Source:
        Type: CODEPIPELINE
        BuildSpec: |
          version: 0.2
          phases: {build: {commands: ['${command}']}}`,
    }).replace("              OutputArtifacts: [{Name: Src}]", `              OutputArtifacts: [{Name: Raw}]
        - Name: Build
          Actions:
            - Name: Package
              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
              Configuration: {ProjectName: !Ref Project}
              InputArtifacts: [{Name: Raw}]
              OutputArtifacts: [{Name: Src}]`));
    const reads = (m: DocumentModel): string => {
      const pipeline = m.pipelines[0];
      const deploy = pipeline.stages[2].actions[0];
      assert.ok(storeOf(m, pipeline, deploy));
      return readsPackagedArtifacts(m, pipeline, deploy);
    };
    assert.equal(reads(packaging('sam package --s3-bucket $BUCKET --output-template-file template.yaml')), 'yes');
    assert.equal(reads(packaging('aws cloudformation package --template-file t.yaml --s3-bucket ${BUCKET}')), 'yes');
    assert.equal(reads(packaging('sam package --s3-bucket other-bucket')), 'unknown', 'the artifact bucket has a generated name, which might be anything');
    assert.equal(reads(packaging('sam build')), 'no');
    assert.equal(reads(packaging('sam package --s3-bucket $UNSET')), 'unknown');
  });
});
