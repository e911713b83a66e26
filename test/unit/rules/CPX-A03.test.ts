import { rule } from '../../../src/core/rules/CPX-A03';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (path: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app
    TemplatePath: ${path}
  InputArtifacts: [{Name: Build}]
`);

ruleTester(rule, {
  valid: [
    { name: 'artifact and path', code: deploy('Build::infra/template.yaml') },
    { name: 'computed', code: deploy('!Ref TemplatePath') },
  ],
  invalid: [
    { name: 'one colon', code: deploy('Build:template.yaml'), errors: [{ line: 22, text: 'Build:template.yaml', severity: 'error' }] },
    { name: 'a path without artifact', code: deploy('template.yaml'), errors: [{ line: 22 }] },
    { name: 'a space in the artifact name', code: deploy("'Build Output::t.yaml'"), errors: [{ line: 22 }] },
    { name: 'nothing after the colons', code: deploy("'Build::'"), errors: [{ line: 22 }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { TemplatePath: 's3://bucket/t.yaml' })]), errors: [{ line: 25, text: '"s3://bucket/t.yaml"' }] },
  ],
});
