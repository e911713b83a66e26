import { rule } from '../../../src/core/rules/CPX-T05';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (keys: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration: {ActionMode: CREATE_UPDATE, StackName: app, roleArn: not-checked-here}${keys}
`);

ruleTester(rule, {
  valid: [
    { name: 'PascalCase in a template; configuration keys left to CPX-C12', code: deploy('\n  InputArtifacts: [{Name: Build}]\n  RunOrder: 1') },
    { name: 'camelCase in get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, {})]) },
  ],
  invalid: [
    {
      name: 'camelCase action keys in a template',
      code: deploy("\n  roleArn: arn:aws:iam::222222222222:role/deployer\n  inputArtifacts: [{Name: Build}]"),
      errors: [{ line: 20, text: 'roleArn', severity: 'error' }, { line: 21, text: 'inputArtifacts' }],
    },
    { name: 'camelCase artifact store and artifact names', code: deploy('\n  InputArtifacts: [{name: Build}]').replace('ArtifactStore: {Type: S3', 'ArtifactStore: {type: S3'), errors: [{ line: 7, text: 'type' }, { line: 20, text: 'name' }] },
    {
      name: 'PascalCase in get-pipeline JSON',
      fileName: 'p.json',
      code: getPipelineJson([cfnAction('Release', { RoleArn: 'arn:aws:iam::222222222222:role/a' }, {})]),
      errors: [{ line: 32, text: '"RoleArn"' }],
    },
  ],
});
