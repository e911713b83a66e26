import { rule } from '../../../src/core/rules/CPX-F01';
import { ruleTester } from '../../support/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'a YAML file that is not a template, even broken', code: 'name: x\n  - bad: [', fileName: 'other.yaml' },
    { name: 'a valid template', code: "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n" },
  ],
  invalid: [
    {
      name: 'YAML syntax error at its position',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Bucket:\n    Type: [AWS::S3::Bucket\n",
      errors: [{ line: 5, column: 1 }],
    },
    {
      name: 'JSON syntax error at its position',
      fileName: 'p.json',
      code: '{\n  "pipeline": {\n    "name": "p",\n  }\n}\n',
      errors: [{ line: 4, column: 3, text: '}' }],
    },
    {
      name: 'hostile nesting',
      code: 'Resources: ' + '['.repeat(300) + ']'.repeat(300) + '\n',
      errors: [{ line: 1 }],
    },
  ],
});
