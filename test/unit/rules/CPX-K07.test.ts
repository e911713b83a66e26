import { rule } from '../../../src/core/rules/CPX-K07';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

const ADMIN = `
          - Sid: Admin
            Effect: Allow
            Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}
            Action: 'kms:*'
            Resource: '*'`;
const grant = (principal: string, actions = '[kms:Decrypt, kms:DescribeKey]'): string => `
          - {Effect: Allow, Principal: {AWS: ${principal}}, Action: ${actions}, Resource: '*'}`;

const noGrant = artifactPipeline({ keyStatements: ADMIN });
const readStatement = `
          - Sid: PipelineArtifactsReadDevAccountId
            Effect: Allow
            Principal:
              AWS: ${DEPLOYER}
            Action: [kms:Decrypt, kms:DescribeKey]
            Resource: '*'`;
const fixed = artifactPipeline({ keyStatements: ADMIN + readStatement });

/** The source action runs in DEV and writes its output there. */
const devSource = artifactPipeline({ keyStatements: ADMIN }).replace(
  "OutputArtifacts: [{Name: Src}]", `OutputArtifacts: [{Name: Src}]\n              RoleArn: ${DEPLOYER}`,
);

ruleTester(rule, {
  valid: [
    { name: "the DEV account's root", code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'the action role by its ARN', code: artifactPipeline({ keyStatements: ADMIN + grant(DEPLOYER) }), parameters: PIPELINE_ACCOUNT },
    { name: 'the action role by Fn::Join', code: artifactPipeline({ keyStatements: ADMIN + grant("!Join ['', ['arn:aws:iam::', !Ref DevAccountId, ':role/deployer']]") }), parameters: PIPELINE_ACCOUNT },
    { name: 'one statement, many principals', code: artifactPipeline({ keyStatements: ADMIN + grant(`[!GetAtt PipelineRole.Arn, ${DEPLOYER}]`) }), parameters: PIPELINE_ACCOUNT },
    { name: 'one statement per principal', code: artifactPipeline({ keyStatements: ADMIN + grant('!GetAtt PipelineRole.Arn') + grant(DEPLOYER) }), parameters: PIPELINE_ACCOUNT },
    { name: 'kms:* to the account', code: artifactPipeline({ keyStatements: ADMIN + grant("'333333333333'", "'kms:*'") }), parameters: PIPELINE_ACCOUNT },
    { name: 'a grant under a condition that may not hold: unknown, not an error', code: artifactPipeline({ keyStatements: ADMIN + grant("'*'").replace("Resource: '*'}", "Resource: '*', Condition: {StringEquals: {'aws:PrincipalOrgID': o-1}}}") }), parameters: PIPELINE_ACCOUNT },
    { name: 'the pipeline account is not known: not certainly another account', code: noGrant },
    { name: 'a key from a parameter: CPX-U01 says it was not checked', code: noGrant.replace('{Id: !GetAtt Key.Arn, Type: KMS}', '{Id: !Ref KeyArn, Type: KMS}').replace('Resources:', 'Resources:').replace('Parameters:', 'Parameters:\n  KeyArn: {Type: String}'), parameters: PIPELINE_ACCOUNT },
    { name: 'JSON: the complete template', code: toJson(artifactPipeline()), fileName: 't.json', parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'no statement for DEV: the fix adds the least-privilege read statement for the action role',
      code: noGrant, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(noGrant, `RoleArn: ${DEPLOYER}`), column: 24, text: DEPLOYER, severity: 'error' }],
      output: fixed,
    },
    {
      name: 'JSON: the same statement',
      code: toJson(noGrant), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(noGrant), '"Fn::Sub": "arn:aws:iam::${DevAccountId}:role/deployer"') - 1 }],
      output: toJson(fixed),
    },
    {
      name: 'another account root',
      code: artifactPipeline({ keyStatements: ADMIN + grant("'arn:aws:iam::444444444444:root'") }), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(noGrant, `RoleArn: ${DEPLOYER}`) + 1 }],
    },
    {
      name: 'an action that writes artifacts needs encrypt too: read and write statement',
      code: devSource, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(devSource, `RoleArn: ${DEPLOYER}`) }],
      output: devSource.replace(ADMIN, ADMIN + readStatement
        .replace('PipelineArtifactsRead', 'PipelineArtifactsReadWrite')
        .replace('[kms:Decrypt, kms:DescribeKey]', '[kms:Decrypt, kms:DescribeKey, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*]')),
    },
  ],
});
