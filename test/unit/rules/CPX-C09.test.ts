import { rule } from '../../../src/core/rules/CPX-C09';
import { ruleTester } from '../../support/rule-tester';
import { SELF_JSON, selfDeployingJson, stagesYaml } from '../../support/pipelines';

/** A pipeline that deploys its own template (`Build::infra/pipeline.yaml` is the linted file). */
const selfDeploying = (overrides: string, templatePath = 'Build::infra/pipeline.yaml'): string => `Parameters:
  Env: {Type: String, Default: dev}
${stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: pipeline
    TemplatePath: ${templatePath}
    ParameterOverrides: ${overrides}
  InputArtifacts: [{Name: Build}]
`)}`;

ruleTester(rule, {
  valid: [
    { name: 'a declared parameter', fileName: 'repo/infra/pipeline.yaml', code: selfDeploying(`'{"Env": "prod"}'`) },
    { name: 'the deployed template is another file: not checked', fileName: 'repo/infra/pipeline.yaml', code: selfDeploying(`'{"Stage": "prod"}'`, 'Build::app/template.yaml') },
    { name: 'only the file name matches, not its folder', fileName: 'repo/other/pipeline.yaml', code: selfDeploying(`'{"Stage": "prod"}'`) },
  ],
  invalid: [
    {
      name: 'a parameter the deployed template does not declare',
      fileName: 'repo/infra/pipeline.yaml',
      code: selfDeploying(`'{"Env": "prod", "Stage": "blue"}'`),
      errors: [{ line: 25, text: `'{"Env": "prod", "Stage": "blue"}'`, severity: 'warning' }],
    },
    {
      name: 'per Fn::If branch',
      fileName: 'repo/infra/pipeline.yaml',
      code: selfDeploying(`!If [Prod, '{"Env": "prod"}', '{"Environment": "dev"}']`),
      errors: [{ line: 25 }],
    },
    {
      name: 'template in JSON',
      fileName: SELF_JSON,
      code: selfDeployingJson({ ActionMode: 'CREATE_UPDATE', ParameterOverrides: '{"Stage": "blue"}' }),
      errors: [{ line: 28, text: '"{\\"Stage\\": \\"blue\\"}"' }],
    },
  ],
});
