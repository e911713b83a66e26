import { rule } from '../../../src/core/rules/CPX-A04';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (overrides: string, inputs = '[{Name: Build}, {Name: Infra}]'): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app
    TemplatePath: Build::t.yaml
    ParameterOverrides: '${overrides}'
  InputArtifacts: ${inputs}
`);

const getParam = '{"VpcId": {"Fn::GetParam": ["Infra", "outputs.json", "VpcId"]}}';

ruleTester(rule, {
  valid: [
    { name: 'reads an input', code: deploy(getParam) },
    { name: 'no functions', code: deploy('{"Env": "prod"}', '[{Name: Build}]') },
    { name: 'inputs behind Fn::If are not judged', code: deploy(getParam, '[{Name: Build}, !If [C, {Name: Infra}, !Ref AWS::NoValue]]') },
  ],
  invalid: [
    { name: 'Fn::GetParam on an artifact that is not an input', code: deploy(getParam, '[{Name: Build}]'), errors: [{ line: 23, text: `'${getParam}'`, severity: 'error' }] },
    {
      name: 'Fn::GetArtifactAtt',
      code: deploy('{"Bucket": {"Fn::GetArtifactAtt": ["Packaged", "BucketName"]}}'),
      errors: [{ line: 23 }],
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([cfnAction('Release', {}, { ParameterOverrides: getParam })]),
      errors: [{ line: 26 }],
    },
  ],
});
