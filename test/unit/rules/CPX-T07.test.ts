import { rule } from '../../../src/core/rules/CPX-T07';
import { ruleTester } from '../../support/rule-tester';
import { cfnAction, getPipelineJson } from '../../support/templates';

const output = getPipelineJson([cfnAction('Release', {}, {})]);

ruleTester(rule, {
  valid: [
    { name: 'update-pipeline input without metadata', fileName: 'p.json', code: JSON.stringify({ pipeline: JSON.parse(output).pipeline }, null, 2) },
  ],
  invalid: [
    { name: 'get-pipeline output', fileName: 'p.json', code: output, errors: [{ line: 37, text: '"metadata"', severity: 'info' }] },
  ],
});
