import { rule } from '../../../src/core/rules/CPX-R04';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const jenkins = (role: string): string => pipelineYaml(`
- Name: Build
  ActionTypeId: {Category: Build, Owner: Custom, Provider: Jenkins, Version: '1'}${role}
  Configuration: {ProjectName: p}
`);

ruleTester(rule, {
  valid: [{ name: 'Jenkins in the pipeline account', code: jenkins('') }],
  invalid: [{
    name: 'Jenkins with an action role',
    code: jenkins("\n  RoleArn: 'arn:aws:iam::222222222222:role/a'"),
    errors: [{ line: 18, text: "'arn:aws:iam::222222222222:role/a'" }],
  }],
});
