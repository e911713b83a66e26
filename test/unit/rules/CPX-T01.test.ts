import { rule } from '../../../src/core/rules/CPX-T01';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const action = (typeId: string): string => stagesYaml(`
- Name: Step
  ActionTypeId: ${typeId}
  InputArtifacts: [{Name: Build}]
`);

const api = (category: string, owner: string, provider: string): string => getPipelineJson([
  { name: 'Step', actionTypeId: { category, owner, provider, version: '1' }, inputArtifacts: [{ name: 'Build' }] },
]);

ruleTester(rule, {
  valid: [
    { name: 'CodeBuild as a test', code: action("{Category: Test, Owner: AWS, Provider: CodeBuild, Version: '1'}") },
    { name: 'a custom provider', code: action("{Category: Build, Owner: Custom, Provider: MyTeamBuilder, Version: '3'}") },
    { name: 'a third-party partner', code: action("{Category: Test, Owner: ThirdParty, Provider: BlazeMeter, Version: '1'}") },
    { name: 'computed owner', code: action("{Category: Deploy, Owner: !Ref Owner, Provider: CloudFormation, Version: '1'}") },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api('Deploy', 'AWS', 'CloudFormation') },
  ],
  invalid: [
    { name: 'a category that does not exist', code: action("{Category: Release, Owner: AWS, Provider: CodeDeploy, Version: '1'}"), errors: [{ line: 18, text: 'Release', severity: 'error' }] },
    { name: 'an owner that does not exist', code: action("{Category: Deploy, Owner: Amazon, Provider: CodeDeploy, Version: '1'}"), errors: [{ line: 18, text: 'Amazon' }] },
    { name: 'a provider in the wrong category', code: action("{Category: Deploy, Owner: AWS, Provider: CodeBuild, Version: '1'}"), errors: [{ line: 18, text: 'CodeBuild', severity: 'error' }] },
    { name: 'an unknown AWS provider: a warning', code: action("{Category: Deploy, Owner: AWS, Provider: Cloudformation, Version: '1'}"), errors: [{ line: 18, text: 'Cloudformation', severity: 'warning' }] },
    { name: 'get-pipeline JSON', fileName: 'p.json', code: api('Build', 'AWS', 'CodeDeploy'), errors: [{ line: 18, text: '"CodeDeploy"' }] },
  ],
});
