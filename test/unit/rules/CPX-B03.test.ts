import { rule } from '../../../src/core/rules/CPX-B03';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

const roles = artifactPipeline({
  bucketStatements: `
          - Effect: Allow
            Principal:
              AWS:
                - !GetAtt PipelineRole.Arn
                - ${DEPLOYER}
                - !Sub 'arn:aws:iam::\${DevAccountId}:role/cfn'
            Action: 's3:*'
            Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']`,
});

ruleTester(rule, {
  valid: [
    { name: 'account roots only', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'the pipeline account is not known', code: roles },
  ],
  invalid: [
    {
      name: 'a bucket policy naming two DEV roles: one note, on the first',
      code: roles, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(roles, `- ${DEPLOYER}`), column: 19, text: DEPLOYER, severity: 'info' }],
      output: null,
    },
    { name: 'JSON', code: toJson(roles), fileName: 't.json', parameters: PIPELINE_ACCOUNT, errors: [{ line: lineOf(toJson(roles), 'role/deployer') - 1 }] },
  ],
});
