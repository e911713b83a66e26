import { rule } from '../../../src/core/rules/CPX-S08';
import { ruleTester } from '../../support/rule-tester';
import { SELF, selfDeployingYaml } from '../../support/pipelines';

const withRole = (resource: string, managed = ''): string => selfDeployingYaml(
  'ActionMode: CHANGE_SET_REPLACE\nChangeSetName: c\nCapabilities: CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND',
  {
    transform: 'AWS::Serverless-2016-10-31',
    resources: `  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}]}${managed}
      Policies:
        - PolicyName: deploy
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [cloudformation:CreateChangeSet, cloudformation:DescribeChangeSet]
                Resource: ${resource}
`,
  },
).replace('RoleArn: arn:aws:iam::111111111111:role/pipeline', 'RoleArn: !GetAtt DeployRole.Arn');

const STACK = "!Sub 'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/app/*'";

ruleTester(rule, {
  valid: [
    { name: 'the transform allowed', fileName: SELF, code: withRole(`[${STACK}, !Sub 'arn:\${AWS::Partition}:cloudformation:\${AWS::Region}:aws:transform/Serverless-2016-10-31']`) },
    { name: 'any resource', fileName: SELF, code: withRole("'*'") },
    { name: 'a managed policy may allow it', fileName: SELF, code: withRole(STACK, '\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSCloudFormationFullAccess]') },
  ],
  invalid: [
    { name: 'only the stack', fileName: SELF, code: withRole(STACK), errors: [{ line: 27, text: 'Build::infra/app.yaml', severity: 'warning' }] },
  ],
});
