import { rule } from '../../../src/core/rules/CPX-K08';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

/** The seed answer's layout in one file: the DEV account's action role is declared next to the pipeline. */
const declared = (resource: string): string => artifactPipeline({
  resources: `
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      RoleName: deployer
      Policies:
        - PolicyName: artifacts
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [kms:Decrypt, kms:Encrypt]
                Resource: ${resource}`,
});
const fixed = declared('!Ref Key').replace(`                Resource: !Ref Key`, `                Resource: !Ref Key
              - Effect: Allow
                Action: [kms:Decrypt, kms:DescribeKey]
                Resource: !GetAtt Key.Arn`);

ruleTester(rule, {
  valid: [
    { name: 'the key ARN', code: declared('!GetAtt Key.Arn').replace('[kms:Decrypt, kms:Encrypt]', '[kms:Decrypt, kms:DescribeKey]'), parameters: PIPELINE_ACCOUNT },
    { name: 'any key', code: declared("'*'").replace('[kms:Decrypt, kms:Encrypt]', "'kms:*'"), parameters: PIPELINE_ACCOUNT },
    { name: 'the role is not declared here: its policy is not in view', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'a managed policy from elsewhere may grant it', code: declared('!Ref Key').replace('      RoleName: deployer', "      RoleName: deployer\n      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser']"), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'the policy names the key id, not the key ARN: the fix adds the key ARN',
      code: declared('!Ref Key'), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(declared('!Ref Key'), `RoleArn: ${DEPLOYER}`), column: 24, text: DEPLOYER, severity: 'error' }],
      output: fixed,
    },
    {
      name: 'JSON',
      code: toJson(declared('!Ref Key')), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(declared('!Ref Key')), 'role/deployer"') - 1 }],
      output: toJson(fixed),
    },
  ],
});
