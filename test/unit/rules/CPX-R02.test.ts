import { rule } from '../../../src/core/rules/CPX-R02';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson, pipelineYaml } from '../../support/templates';

const yaml = (actionRole: string, cfnRole: string): string => pipelineYaml(`
- Name: DeployProd
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: ${actionRole}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app
    RoleArn: ${cfnRole}
`);

const json = (cfnRole: string): string => getPipelineJson([
  cfnAction('a', { roleArn: 'arn:aws:iam::222222222222:role/deployer' }, { RoleArn: cfnRole }),
]);

ruleTester(rule, {
  valid: [
    { name: 'same parameter', code: yaml("!Sub 'arn:aws:iam::${ProdAccountId}:role/a'", "!Sub 'arn:aws:iam::${ProdAccountId}:role/cfn'") },
    { name: 'parameter against its own default', code: yaml("!Sub 'arn:aws:iam::${ProdAccountId}:role/a'", "'arn:aws:iam::222222222222:role/cfn'") },
    { name: 'unknown is not a mismatch', code: yaml("!Sub 'arn:aws:iam::${Other}:role/a'", "'arn:aws:iam::222222222222:role/cfn'") },
    { name: 'JSON, same account', code: json('arn:aws:iam::222222222222:role/cfn'), fileName: 'p.json' },
  ],
  invalid: [
    {
      name: 'CloudFormation role of the pipeline stack, action role in another account',
      code: yaml("!Sub 'arn:${AWS::Partition}:iam::${ProdAccountId}:role/a'", '!GetAtt PipelineRole.Arn'),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 22, text: '!GetAtt PipelineRole.Arn' }],
      output: yaml("!Sub 'arn:${AWS::Partition}:iam::${ProdAccountId}:role/a'", "!Sub 'arn:${AWS::Partition}:iam::${ProdAccountId}:role/CloudFormationDeployRole'"),
    },
    {
      name: 'two literal accounts in get-pipeline JSON; the fix keeps the role name',
      fileName: 'p.json',
      code: json('arn:aws:iam::333333333333:role/cfn'),
      errors: [{ line: 26, text: '"arn:aws:iam::333333333333:role/cfn"' }],
      output: json('arn:aws:iam::222222222222:role/cfn'),
    },
  ],
});
