import { rule } from '../../../src/core/rules/CPX-B05';
import { ruleTester } from '../../support/rule-tester';
import { artifactPipeline, lineOf, PIPELINE_ACCOUNT, toJson } from '../../support/artifacts';

const unversioned = artifactPipeline({ bucketProperties: '\n      Tags: [{Key: team, Value: ci}]' });
const fixed = unversioned.replace('      Tags: [{Key: team, Value: ci}]', '      Tags: [{Key: team, Value: ci}]\n      VersioningConfiguration:\n        Status: Enabled');

ruleTester(rule, {
  valid: [
    { name: 'versioned', code: artifactPipeline(), parameters: PIPELINE_ACCOUNT },
    { name: 'a same-account pipeline', code: unversioned },
    { name: 'the bucket is not in this template', code: unversioned.replace('Location: !Ref Bucket', 'Location: elsewhere'), parameters: PIPELINE_ACCOUNT },
  ],
  invalid: [
    {
      name: 'no versioning: the fix (not preferred) enables it',
      code: unversioned, parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(unversioned, 'Location: !Ref Bucket'), text: '!Ref Bucket', severity: 'info' }],
      output: fixed,
    },
    {
      name: 'suspended: no fix, it is a choice',
      code: artifactPipeline({ bucketProperties: '\n      VersioningConfiguration: {Status: Suspended}' }), parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(unversioned, 'Location: !Ref Bucket') }],
      output: null,
    },
    {
      name: 'JSON',
      code: toJson(unversioned), fileName: 't.json', parameters: PIPELINE_ACCOUNT,
      errors: [{ line: lineOf(toJson(unversioned), '"Location"') }],
      output: toJson(fixed),
    },
  ],
});
