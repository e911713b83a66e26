import { rule } from '../../../src/core/rules/CPX-R05';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, DEPLOYER, lineOf, toJson } from '../../support/artifacts';

const assume = (resource: string, action = 'sts:AssumeRole', extra = ''): string => `
              - Effect: Allow
                Action: ${action}
                Resource: ${resource}${extra}`;
const S3 = assume("'*'", "'s3:*'");
const withStatements = (statements: string): string => artifactPipeline({ pipelineStatements: statements });
const noAssume = withStatements(S3);
const newStatement = `
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: ${DEPLOYER}`;
const otherRole = withStatements(assume("\n                  - !Sub 'arn:aws:iam::${DevAccountId}:role/other'"));
const deployerLine = (code: string): number => lineOf(code, `RoleArn: ${DEPLOYER}`);
/** The pipeline role with no policy of its own. */
const bare = noAssume.replace(`      Policies:
        - PolicyName: assume
          PolicyDocument:
            Statement:${S3}`, '');

ruleTester(rule, {
  valid: [
    { name: "every role of the DEV account (the AWS walkthrough's role/*)", code: artifactPipeline() },
    { name: 'the exact ARN', code: withStatements(assume(DEPLOYER)) },
    { name: 'the ARN through Fn::Join', code: withStatements(assume("!Join ['', ['arn:aws:iam::', !Ref DevAccountId, ':role/deployer']]")) },
    { name: 'sts:* on everything', code: withStatements(assume("'*'", "'sts:*'")) },
    { name: 'a policy attached by Roles', code: noAssume.replace('  Pipeline:\n', `  AssumePolicy:\n    Type: AWS::IAM::Policy\n    Properties:\n      Roles: [!Ref PipelineRole]\n      PolicyDocument:\n        Statement:${assume(DEPLOYER).replace(/^ {4}/gm, '')}\n  Pipeline:\n`) },
    { name: 'a managed policy from elsewhere may grant it', code: noAssume.replace('      Policies:', "      ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess']\n      Policies:") },
    { name: 'a grant under a Condition: unknown, not an error', code: withStatements(assume("'*'", 'sts:AssumeRole', "\n                Condition: {StringEquals: {'aws:ResourceAccount': !Ref DevAccountId}}")) },
    { name: 'the pipeline role is not in this template', code: noAssume.replace('RoleArn: !GetAtt PipelineRole.Arn', "RoleArn: 'arn:aws:iam::111111111111:role/elsewhere'") },
    { name: 'an action role of this stack that trusts the pipeline role', code: noAssume.replace(`RoleArn: ${DEPLOYER}`, 'RoleArn: !GetAtt LocalRole.Arn').replace('  Pipeline:\n', '  LocalRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {AWS: !GetAtt PipelineRole.Arn}, Action: sts:AssumeRole}]}\n  Pipeline:\n') },
  ],
  invalid: [
    {
      name: 'no sts:AssumeRole: the fix adds a statement for the action role',
      code: noAssume,
      errors: [{ line: deployerLine(noAssume), column: 24, text: DEPLOYER, severity: 'error' }],
      output: withStatements(S3 + newStatement),
    },
    {
      name: 'JSON: the same statement',
      code: toJson(noAssume), fileName: 't.json',
      errors: [{ line: lineOf(toJson(noAssume), 'role/deployer"') - 1 }],
      output: toJson(withStatements(S3 + newStatement)),
    },
    {
      name: 'another role only: the fix adds this one to the resources',
      code: otherRole,
      errors: [{ line: deployerLine(otherRole) }],
      output: otherRole.replace("role/other'", `role/other'\n                  - ${DEPLOYER}`),
    },
    {
      name: 'a pipeline role without policies: the fix adds an inline policy',
      code: bare,
      errors: [{ line: deployerLine(bare) }],
      output: bare.replace('          - {Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}', `          - {Effect: Allow, Principal: {Service: codepipeline.amazonaws.com}, Action: sts:AssumeRole}
      Policies:
        - PolicyName: assume-action-roles
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: sts:AssumeRole
                Resource: ${DEPLOYER}`),
    },
  ],
});
