import { rule } from '../../../src/core/rules/CPX-B04';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

/** The source action runs in DEV and writes its output artifact there. */
const writer = (actions: string): string => artifactPipeline({
  bucketStatements: `
          - Effect: Allow
            Principal: {AWS: ${DEPLOYER}}
            Action: ${actions}
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']`,
}).replace('OutputArtifacts: [{Name: Src}]', `OutputArtifacts: [{Name: Src}]\n              RoleArn: ${DEPLOYER}`);
const putOnly = writer('[s3:GetObject, s3:PutObject]');
const fixed = putOnly.replace(`            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']`, `            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']
          - Effect: Allow
            Principal:
              AWS: ${DEPLOYER}
            Action: s3:PutObjectAcl
            Resource: !Sub '\${Bucket.Arn}/*'`);

ruleTester(rule, {
  valid: [
    { name: 's3:Put* covers the ACL', code: writer("'s3:Put*'"), parameters: PIPELINE_ACCOUNT },
    { name: 'both named', code: writer('[s3:GetObject, s3:PutObject, s3:PutObjectAcl]'), parameters: PIPELINE_ACCOUNT },
    { name: 'an action that only reads', code: artifactPipeline({ bucketStatements: `\n          - {Effect: Allow, Principal: {AWS: ${DEPLOYER}}, Action: s3:GetObject, Resource: !Sub '\${Bucket.Arn}/*'}` }), parameters: PIPELINE_ACCOUNT },
    { name: 'no s3:PutObject at all is CPX-B01', code: writer('s3:GetObject'), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 's3:PutObject without s3:PutObjectAcl: the fix adds it',
      code: putOnly, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(putOnly, `RoleArn: ${DEPLOYER}`), text: DEPLOYER, severity: 'warning' }],
      output: fixed,
    },
    {
      name: 'JSON',
      code: toJson(putOnly), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(putOnly), 'role/deployer"', 2) - 1 }],
      output: toJson(fixed),
    },
  ],
});
