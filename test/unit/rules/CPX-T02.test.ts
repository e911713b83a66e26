import { rule } from '../../../src/core/rules/CPX-T02';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const deploy = (provider: string, artifacts: string): string => stagesYaml(`
- Name: Step
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: ${provider}, Version: '1'}${artifacts}
`);

ruleTester(rule, {
  valid: [
    { name: 'CodeDeploy with one input', code: deploy('CodeDeploy', '\n  InputArtifacts: [{Name: Build}]') },
    { name: 'CloudFormation without inputs', code: deploy('CloudFormation', '') },
    { name: 'entries behind Fn::If are not counted', code: deploy('CodeDeploy', '\n  InputArtifacts: [{Name: Build}, !If [C, {Name: Extra}, !Ref AWS::NoValue]]') },
    { name: 'a provider without known counts', code: deploy('EKS', '\n  InputArtifacts: [{Name: A}, {Name: B}]') },
  ],
  invalid: [
    { name: 'CodeDeploy without input', code: deploy('CodeDeploy', ''), errors: [{ line: 17, text: 'Step', severity: 'error' }] },
    { name: 'S3 deploy with two inputs', code: deploy('S3', '\n  InputArtifacts: [{Name: Build}, {Name: Docs}]'), errors: [{ line: 19, text: 'InputArtifacts' }] },
    { name: 'CloudFormation with two outputs', code: deploy('CloudFormation', '\n  OutputArtifacts: [{Name: A}, {Name: B}]'), errors: [{ line: 19, text: 'OutputArtifacts' }] },
    {
      name: 'get-pipeline JSON: a manual approval with an input',
      fileName: 'p.json',
      code: getPipelineJson([{ name: 'Approve', actionTypeId: { category: 'Approval', owner: 'AWS', provider: 'Manual', version: '1' }, inputArtifacts: [{ name: 'Build' }] }]),
      errors: [{ line: 21, text: '"inputArtifacts"' }],
    },
  ],
});
