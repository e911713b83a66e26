import { rule } from '../../../src/core/rules/CPX-C08';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (overrides: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app
    ParameterOverrides: ${overrides}
    TemplatePath: Build::t.yaml
  InputArtifacts: [{Name: Build}]
`);

const apiObject = getPipelineJson([cfnAction('Release', {}, { ParameterOverrides: { Env: 'prod' } })]);

ruleTester(rule, {
  valid: [
    { name: 'a JSON string', code: deploy(`'{"Env": "prod"}'`) },
    { name: 'a Fn::Sub JSON string with a number placeholder', code: deploy('!Sub \'{"Port": ${Port}, "Env": "${Env}"}\'') },
    { name: 'invalid JSON that DELETE_ONLY never reads', code: deploy(`'{"Env": "prod",}'`).replace('ActionMode: CREATE_UPDATE', 'ActionMode: DELETE_ONLY') },
    { name: 'Fn::ToJsonString is computed', code: deploy('!ToJsonString {Env: prod}') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { ParameterOverrides: '{"Env":"prod"}' })]) },
  ],
  invalid: [
    {
      name: 'a block mapping of literals becomes a JSON string, the key line comment kept',
      code: deploy('# parameters\n      Env: prod\n      Port: 8080'),
      errors: [{ line: 23, text: 'Env: prod\n                  Port: 8080', severity: 'error' }],
      output: deploy(`'{"Env":"prod","Port":"8080"}' # parameters`),
    },
    {
      name: 'Ref and GetAtt become a Fn::Sub; CodePipeline parameter functions stay inside',
      code: deploy('{Bucket: !Ref Bucket, Arn: !GetAtt Topic.Arn, Version: {"Fn::GetParam": [Build, v.json, version]}}'),
      errors: [{ line: 22 }],
      output: deploy(`!Sub '{"Bucket":"\${Bucket}","Arn":"\${Topic.Arn}","Version":{"Fn::GetParam":["Build","v.json","version"]}}'`),
    },
    {
      name: 'a value that cannot be carried over: no fix',
      code: deploy('{Env: !If [Prod, prod, dev]}'),
      errors: [{ line: 22 }],
      output: null,
    },
    { name: 'invalid JSON', code: deploy(`'{"Env": "prod",}'`), errors: [{ line: 22, text: `'{"Env": "prod",}'` }] },
    { name: 'JSON that is not an object', code: deploy(`'["Env"]'`), errors: [{ line: 22 }] },
    { name: 'longer than 1 KB', code: deploy(`'{"Key": "${'x'.repeat(1100)}"}'`), errors: [{ line: 22 }] },
    {
      name: 'template in JSON: the object becomes a string',
      fileName: 't.json',
      code: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', ParameterOverrides: { Env: 'prod', Bucket: { Ref: 'Bucket' } } })]),
      errors: [{ line: 26 }],
      output: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', ParameterOverrides: { 'Fn::Sub': '{"Env":"prod","Bucket":"${Bucket}"}' } })])
        .replace(/"ParameterOverrides": \{\n\s*("Fn::Sub": "[^\n]*")\n\s*\}/, '"ParameterOverrides": { $1 }'),
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: apiObject,
      errors: [{ line: 26 }],
      output: apiObject.replace(/"ParameterOverrides": \{\n\s*"Env": "prod"\n\s*\}/, '"ParameterOverrides": "{\\"Env\\":\\"prod\\"}"'),
    },
  ],
});
