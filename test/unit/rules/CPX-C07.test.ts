import { rule } from '../../../src/core/rules/CPX-C07';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';
import { cfnDeploy, stagesYaml, templateJson } from '../../support/pipelines';

const deploy = (capabilities: string): string => stagesYaml(`
- Name: Release
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CREATE_UPDATE
    StackName: app
    Capabilities: ${capabilities}
    TemplatePath: Build::t.yaml
`);

const spaced = getPipelineJson([cfnAction('Release', {}, { Capabilities: 'CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND' })]);

ruleTester(rule, {
  valid: [
    { name: 'one string', code: deploy('CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND') },
    { name: 'spaces where CHANGE_SET_EXECUTE ignores the capabilities', code: deploy('CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND').replace('ActionMode: CREATE_UPDATE', 'ActionMode: CHANGE_SET_EXECUTE') },
    { name: 'computed', code: deploy('!Join [",", [CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND]]') },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: getPipelineJson([cfnAction('Release', {}, { Capabilities: 'CAPABILITY_IAM' })]) },
  ],
  invalid: [
    {
      name: 'spaces after the comma',
      code: deploy('CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND # both'),
      errors: [{ line: 22, text: 'CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND', severity: 'warning' }],
      output: deploy('CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND # both'),
    },
    {
      name: 'a flow list',
      code: deploy('[CAPABILITY_IAM, CAPABILITY_NAMED_IAM]'),
      errors: [{ line: 22, text: '[CAPABILITY_IAM, CAPABILITY_NAMED_IAM]' }],
      output: deploy('CAPABILITY_IAM,CAPABILITY_NAMED_IAM'),
    },
    {
      name: 'a block list, with a comment on the key line',
      code: deploy('# both\n      - CAPABILITY_IAM\n      - CAPABILITY_AUTO_EXPAND'),
      errors: [{ line: 23, text: '- CAPABILITY_IAM\n                  - CAPABILITY_AUTO_EXPAND' }],
      output: deploy('CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND # both'),
    },
    {
      name: 'a list with a computed item: no fix',
      code: deploy('[CAPABILITY_IAM, !Ref Extra]'),
      errors: [{ line: 22 }],
      output: null,
    },
    {
      name: 'template in JSON: a list',
      fileName: 't.json',
      code: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] })]),
      errors: [{ line: 26 }],
      output: templateJson([cfnDeploy({ ActionMode: 'CREATE_UPDATE', Capabilities: 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND' })]),
    },
    {
      name: 'get-pipeline JSON',
      fileName: 'p.json',
      code: spaced,
      errors: [{ line: 26, text: '"CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND"' }],
      output: spaced.replace('CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND'),
    },
  ],
});
