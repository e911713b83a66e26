import { rule } from '../../../src/core/rules/CPX-T06';
import { ruleTester } from '../../support/rule-tester';
import { getPipelineJson } from '../../support/templates';
import { stagesYaml } from '../../support/pipelines';

const BUILD = "- {Name: Compile, ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}, Configuration: {ProjectName: p}, InputArtifacts: [{Name: Build}]}";
const withProperties = (properties: string, actions = BUILD): string => stagesYaml(actions, properties);

ruleTester(rule, {
  valid: [
    { name: 'V2 with variables', code: withProperties('\n      PipelineType: V2\n      Variables: [{Name: Env, DefaultValue: prod}]') },
    { name: 'V1 with the default mode', code: withProperties('\n      ExecutionMode: SUPERSEDED') },
    { name: 'get-pipeline JSON: the API makes a pipeline with V2 features V2', fileName: 'p.json', code: getPipelineJson([]).replace('"name": "p",', '"name": "p",\n    "variables": [{"name": "Env"}],') },
  ],
  invalid: [
    { name: 'variables without PipelineType', code: withProperties('\n      Variables: [{Name: Env, DefaultValue: prod}]'), errors: [{ line: 8, text: 'Variables', severity: 'warning' }] },
    {
      name: 'queued mode and triggers on V1',
      code: withProperties('\n      PipelineType: V1\n      ExecutionMode: QUEUED\n      Triggers: []'),
      errors: [{ line: 9, text: 'ExecutionMode' }, { line: 10, text: 'Triggers' }],
    },
    {
      name: 'a Commands action',
      code: withProperties('', "- Name: Run\n  ActionTypeId: {Category: Compute, Owner: AWS, Provider: Commands, Version: '1'}\n  Commands: [make]\n  InputArtifacts: [{Name: Build}]"),
      errors: [{ line: 19, text: 'Commands' }],
    },
    {
      name: 'get-pipeline JSON: stage conditions on an explicit V1',
      fileName: 'p.json',
      code: getPipelineJson([]).replace('"name": "p",', '"name": "p",\n    "pipelineType": "V1",').replace('"actions": []', '"actions": [],\n        "onFailure": {"result": "ROLLBACK"}'),
      errors: [{ line: 14, text: '"onFailure"' }],
    },
  ],
});
