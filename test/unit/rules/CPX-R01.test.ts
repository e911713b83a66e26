import { rule } from '../../../src/core/rules/CPX-R01';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson, pipelineYaml } from '../../support/templates';

const cfnYaml = (extra: string, cfnRole: string): string => pipelineYaml(`
- Name: DeployProd
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}${extra}
  Configuration:
    ActionMode: CHANGE_SET_REPLACE
    StackName: app
    RoleArn: ${cfnRole}  # the CloudFormation role
`);

const seedJson = getPipelineJson([cfnAction('my-stack', {}, { RoleArn: 'arn:aws:iam::000000000000:role/role-to-assume' })]);

ruleTester(rule, {
  valid: [
    { name: 'action role and CloudFormation role in the same account', code: cfnYaml('\n  RoleArn: !Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/deployer', '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/cfn') },
    { name: 'CloudFormation role in the pipeline account', code: cfnYaml('', '!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cfn') },
    { name: 'CloudFormation role of the same stack', code: cfnYaml('', '!GetAtt PipelineRole.Arn') },
    { name: 'whole-ARN parameter: nothing known about its account (CPX-U01 says so)', code: cfnYaml('', '!Ref CfnRoleArn') },

    { name: 'get-pipeline JSON, role in the pipeline account', code: getPipelineJson([cfnAction('a', {}, { RoleArn: 'arn:aws:iam::111111111111:role/cfn' })]), fileName: 'p.json' },
    { name: 'not a CloudFormation action', code: pipelineYaml(`
- Name: Build
  ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
  Configuration: {ProjectName: p, RoleArn: 'arn:aws:iam::222222222222:role/x'}
`) },
  ],
  invalid: [
    {
      name: 'the seed question as get-pipeline JSON: error, and the fix adds roleArn in account 000000000000',
      fileName: 'get-pipeline.json',
      code: seedJson,
      errors: [{ line: 26, text: '"arn:aws:iam::000000000000:role/role-to-assume"', severity: 'error' }],
      output: seedJson.replace(
        '            "configuration": {',
        '            "roleArn": "arn:aws:iam::000000000000:role/CodePipelineCrossAccountRole",\n            "configuration": {',
      ),
    },
    {
      name: 'parameter account, pipeline account given: certain',
      code: cfnYaml('', '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/cfn'),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 21, text: '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/cfn', severity: 'error' }],
      output: cfnYaml('', '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/cfn').replace('\n              Configuration:',
        '\n              RoleArn: !Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/CodePipelineCrossAccountRole  # action role in account 222222222222 (ProdAccountId); check the role name\n              Configuration:'),
    },
    {
      name: 'pipeline account unknown: warning',
      code: cfnYaml('', '!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/cfn'),
      errors: [{ line: 21, severity: 'warning' }],
    },
    {
      name: 'a placeholder default is not an account: a warning, not an error',
      code: cfnYaml('', "!Sub 'arn:aws:iam::${Placeholder}:role/cfn'").replace('Resources:', "  Placeholder: {Type: String, Default: '123456789'}\nResources:"),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 22, severity: 'warning' }],
    },
    {
      name: 'long-form Fn::Sub keeps the long form',
      code: cfnYaml('', '\n      Fn::Sub: "arn:aws:iam::${ProdAccountId}:role/cfn"'),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 22, severity: 'error' }],
      output: cfnYaml('', '\n      Fn::Sub: "arn:aws:iam::${ProdAccountId}:role/cfn"').replace('\n              Configuration:',
        '\n              RoleArn:\n                Fn::Sub: "arn:aws:iam::${ProdAccountId}:role/CodePipelineCrossAccountRole"  # action role in account 222222222222 (ProdAccountId); check the role name\n              Configuration:'),
    },
    {
      name: 'action role only in one Fn::If branch',
      code: cfnYaml("\n  RoleArn: !If [UseRole, !Sub 'arn:aws:iam::${ProdAccountId}:role/a', !Ref AWS::NoValue]", "!Sub 'arn:aws:iam::${ProdAccountId}:role/cfn'"),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 22, severity: 'error' }],
      output: null,
    },
    {
      name: 'a bare action fragment (the pasted seed snippet): pipeline account unknown',
      fileName: 'action.json',
      code: JSON.stringify(cfnAction('my-stack', {}, { RoleArn: 'arn:aws:iam::000000000000:role/role-to-assume' }), null, 2),
      errors: [{ line: 14, severity: 'warning' }],
    },
  ],
});
