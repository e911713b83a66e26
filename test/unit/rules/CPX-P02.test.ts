import { rule } from '../../../src/core/rules/CPX-P02';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const build = (configuration: string, inputs: string, role = ''): string => `${stagesYaml(`
- Name: Compile
  ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}
  Configuration: {${configuration}}
  InputArtifacts: ${inputs}${role}
`)}  Project:
    Type: AWS::CodeBuild::Project
`;

const PROD_ROLE = '\n  RoleArn: arn:aws:iam::222222222222:role/builder';

ruleTester(rule, {
  valid: [
    { name: 'one input', code: build('ProjectName: app', '[{Name: Build}]') },
    { name: 'several inputs with a primary source', code: build('ProjectName: app, PrimarySource: Build', '[{Name: Build}, {Name: Config}]') },
    { name: 'one input whose name is chosen by Fn::If', code: build('ProjectName: app', '[{Name: !If [FullClone, SourceClone, SourceZip]}]') },
    { name: 'a second input only in one branch', code: build('ProjectName: app', '[{Name: Build}, !If [Extra, {Name: Config}, !Ref AWS::NoValue]]') },
    { name: 'a project of this stack, same account', code: build('ProjectName: !Ref Project', '[{Name: Build}]') },
    { name: 'a project by name in another account', code: build('ProjectName: app', '[{Name: Build}]', PROD_ROLE) },
  ],
  invalid: [
    { name: 'several inputs, no primary source', code: build('ProjectName: app', '[{Name: Build}, {Name: Config}]'), errors: [{ line: 19, text: 'Configuration', severity: 'warning' }] },
    { name: 'a primary source that is not an input', code: build('ProjectName: app, PrimarySource: Source', '[{Name: Build}, {Name: Config}]'), errors: [{ line: 19, text: 'Source' }] },
    { name: 'a project of this stack run in another account', code: build('ProjectName: !Ref Project', '[{Name: Build}]', PROD_ROLE), errors: [{ line: 19, text: '!Ref Project' }] },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Compile', actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' }, configuration: { ProjectName: 'app' }, inputArtifacts: [{ name: 'A' }, { name: 'B' }] }]),
      errors: [{ line: 21, text: '"configuration"' }],
    },
  ],
});
