import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../src/core';
import { artifactPipeline, DEPLOYER, PIPELINE_ACCOUNT, toJson } from '../support/artifacts';

/** The rules about artifact access; correct templates get no error or warning from them, however they write the grants. */
const ARTIFACT_RULES = /^CPX-(A01|B0\d|K0\d|R05)$/;

const CFN_ROLE = `!Sub 'arn:aws:iam::\${DevAccountId}:role/cfn'`;
const JOIN_ROLE = "!Join ['', ['arn:aws:iam::', !Ref DevAccountId, ':role/deployer']]";
const keyGrant = (principal: string): string => `
          - {Effect: Allow, Principal: {AWS: ${principal}}, Action: [kms:Decrypt, kms:DescribeKey, kms:Encrypt, kms:ReEncrypt*, kms:GenerateDataKey*], Resource: '*'}`;
const bucketGrant = (principal: string): string => `
          - {Effect: Allow, Principal: {AWS: ${principal}}, Action: ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:PutObject', 's3:PutObjectAcl'], Resource: [!GetAtt Bucket.Arn, !Sub '\${Bucket.Arn}/*']}`;
const ADMIN = `
          - {Effect: Allow, Principal: {AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root'}, Action: 'kms:*', Resource: '*'}`;
const both = (principal: string, pipeline = `\n              - {Effect: Allow, Action: sts:AssumeRole, Resource: ${DEPLOYER}}`): string =>
  artifactPipeline({ keyStatements: ADMIN + keyGrant(principal), bucketStatements: bucketGrant(principal), pipelineStatements: pipeline });

const correct: Record<string, string> = {
  'the account root': artifactPipeline(),
  'the bare account id': both("'333333333333'"),
  'role ARNs with Fn::Sub': both(DEPLOYER),
  'role ARNs with Fn::Join': both(JOIN_ROLE, `\n              - {Effect: Allow, Action: sts:AssumeRole, Resource: ${JOIN_ROLE}}`),
  'literal role ARNs': both("'arn:aws:iam::333333333333:role/deployer'", "\n              - {Effect: Allow, Action: sts:AssumeRole, Resource: 'arn:aws:iam::333333333333:role/deployer'}"),
  'one statement with many principals': both(`[!GetAtt PipelineRole.Arn, ${DEPLOYER}, ${CFN_ROLE}]`),
  'one statement per principal': artifactPipeline({
    keyStatements: ADMIN + keyGrant('!GetAtt PipelineRole.Arn') + keyGrant(DEPLOYER) + keyGrant(CFN_ROLE),
    bucketStatements: bucketGrant('!GetAtt PipelineRole.Arn') + bucketGrant(DEPLOYER) + bucketGrant(CFN_ROLE),
  }),
};

describe('correct cross-account grants raise no errors or warnings', () => {
  for (const [name, yaml] of Object.entries(correct)) {
    for (const [format, code] of [['yaml', yaml], ['json', toJson(yaml)]] as const) {
      it(`${name} (${format})`, () => {
        const { findings } = lintText(code, { fileName: `template.${format}`, parameterValues: new Map(Object.entries(PIPELINE_ACCOUNT)) });
        const loud = findings.filter((finding) => ARTIFACT_RULES.test(finding.ruleId) && finding.severity !== 'info');
        assert.deepEqual(loud.map((finding) => `${finding.ruleId} ${finding.message}`), []);
        assert.ok(!findings.some((finding) => finding.ruleId === 'CPX-F01'), 'parses');
      });
    }
  }
});
