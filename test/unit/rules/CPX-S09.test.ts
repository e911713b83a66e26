import { rule } from '../../../src/core/rules/CPX-S09';
import { ruleTester } from '../../support/rule-tester';
import { SELF, SELF_JSON, selfDeployingJson, selfDeployingYaml } from '../../support/pipelines';

const deploy = (role: string, actionRole = ''): string => selfDeployingYaml(
  'ActionMode: CREATE_UPDATE\nCapabilities: CAPABILITY_AUTO_EXPAND',
  { transform: 'AWS::Serverless-2016-10-31', resources: `  Handler:\n    Type: AWS::Serverless::Function\n    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: s3://code/app.zip, Role: ${role}}\n` },
).replace('              InputArtifacts:', `${actionRole}              InputArtifacts:`);

const PROD_ACTION = '              RoleArn: arn:aws:iam::222222222222:role/deployer\n';

ruleTester(rule, {
  valid: [
    { name: 'a role of the deploying account', fileName: SELF, code: deploy("!Sub 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/fn'", PROD_ACTION) },
    { name: 'the same literal account', fileName: SELF, code: deploy('arn:aws:iam::222222222222:role/fn', PROD_ACTION) },
    { name: 'a role of the stack', fileName: SELF, code: deploy('!GetAtt FnRole.Arn', PROD_ACTION) },
  ],
  invalid: [
    { name: 'the pipeline account’s role in a production stack', fileName: SELF, code: deploy('arn:aws:iam::111111111111:role/fn', PROD_ACTION), errors: [{ line: 19, text: 'Build::infra/app.yaml', severity: 'error' }] },
    {
      name: 'template in JSON',
      fileName: SELF_JSON,
      code: selfDeployingJson({ ActionMode: 'CREATE_UPDATE' }, { resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::333333333333:role/fn' } } } }),
      parameters: { 'AWS::AccountId': '111111111111' },
      errors: [{ line: 32, text: '"Build::infra/app.json"' }],
    },
  ],
});
