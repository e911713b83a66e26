import { rule } from '../../../src/core/rules/CPX-B01';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

const statement = (principal: string, actions: string, resource = "[!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']"): string => `
          - {Effect: Allow, Principal: {AWS: ${principal}}, Action: ${actions}, Resource: ${resource}}`;
const pipelineOnly = statement('!GetAtt PipelineRole.Arn', "'s3:*'");
const noGrant = artifactPipeline({ bucketStatements: pipelineOnly });
const readStatement = `
          - Sid: PipelineArtifactsReadDevAccountId
            Effect: Allow
            Principal:
              AWS: ${DEPLOYER}
            Action: [s3:GetObject*, s3:GetBucket*, s3:List*]
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']`;
const noPolicy = artifactPipeline({ bucketStatements: null });
const deployerLine = (code: string): number => lineOf(code, `RoleArn: ${DEPLOYER}`);
/** The source action runs in DEV and writes its output there; the bucket policy lets it only read. */
const readOnlyWriter = artifactPipeline({ bucketStatements: statement(DEPLOYER, "['s3:GetObject']") })
  .replace('OutputArtifacts: [{Name: Src}]', `OutputArtifacts: [{Name: Src}]\n              RoleArn: ${DEPLOYER}`);

ruleTester(rule, {
  valid: [
    { name: "the DEV account's root", code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'the role by ARN, objects by Fn::Join', code: artifactPipeline({ bucketStatements: statement(DEPLOYER, "'s3:GetObject'", "!Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]") }), parameters: PIPELINE_ACCOUNT },
    { name: 'one statement per principal', code: artifactPipeline({ bucketStatements: pipelineOnly + statement(DEPLOYER, "['s3:GetObject*']") }), parameters: PIPELINE_ACCOUNT },
    { name: 'the pipeline account is not known', code: noGrant },
    { name: 'a bucket from a parameter with no policy here: CPX-U01 says so', code: noPolicy.replace('Location: !Ref Bucket', 'Location: !Ref BucketName').replace('Parameters:', 'Parameters:\n  BucketName: {Type: String}'), parameters: PIPELINE_ACCOUNT },
    { name: 'JSON: the complete template', code: toJson(artifactPipeline()), fileName: 't.json', parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'the bucket policy leaves DEV out: the fix adds the read statement',
      code: noGrant, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: deployerLine(noGrant), column: 24, text: DEPLOYER, severity: 'error' }],
      output: artifactPipeline({ bucketStatements: pipelineOnly + readStatement }),
    },
    {
      name: 'JSON: the same statement',
      code: toJson(noGrant), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(noGrant), 'role/deployer') - 1 }],
      output: toJson(artifactPipeline({ bucketStatements: pipelineOnly + readStatement })),
    },
    {
      name: 'reading is allowed but the role writes: s3:PutObject is missing',
      code: readOnlyWriter, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: deployerLine(readOnlyWriter) }],
    },
    {
      name: 'no bucket policy at all: the fix (not preferred) adds one',
      code: noPolicy, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: deployerLine(noPolicy) }],
      output: `${noPolicy}  ArtifactBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: PipelineArtifactsReadDevAccountId
            Effect: Allow
            Principal:
              AWS: ${DEPLOYER}
            Action: [s3:GetObject*, s3:GetBucket*, s3:List*]
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
`,
    },
  ],
});
