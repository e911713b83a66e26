import { rule } from '../../../src/core/rules/CPX-F02';
import { ruleTester } from '../../support/rule-tester';
import { pipelineYaml } from '../../support/templates';

const answer = pipelineYaml(`
- Name: create-changeset
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  Configuration:
    ActionMode: CHANGE_SET_REPLACE
    RoleArn: !Sub "arn:aws:iam::\${ProdAccountId}:role/cloudformation-role" # the action will be executed with this role
    RoleArn: !Sub "arn:aws:iam::\${ProdAccountId}:role/cross-account-role" # the pipeline assume this role to execute this action
  RunOrder: 1
`);

const moved = pipelineYaml(`
- Name: create-changeset
  ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}
  RoleArn: !Sub "arn:aws:iam::\${ProdAccountId}:role/cross-account-role"  # the pipeline assume this role to execute this action
  Configuration:
    ActionMode: CHANGE_SET_REPLACE
    RoleArn: !Sub "arn:aws:iam::\${ProdAccountId}:role/cloudformation-role" # the action will be executed with this role
  RunOrder: 1
`);

const jsonAnswer = `{
  "pipeline": {
    "name": "p",
    "roleArn": "arn:aws:iam::111111111111:role/p",
    "stages": [{
      "name": "Deploy",
      "actions": [{
        "name": "a",
        "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CloudFormation", "version": "1"},
        "configuration": {
          "ActionMode": "CHANGE_SET_REPLACE",
          "RoleArn": "arn:aws:iam::222222222222:role/cfn",
          "RoleArn": "arn:aws:iam::222222222222:role/action"
        }
      }]
    }]
  }
}
`;

ruleTester(rule, {
  valid: [{ name: 'the corrected answer', code: moved }],
  invalid: [
    {
      name: "the seed answer's duplicated RoleArn: moved to the action with its comment",
      code: answer,
      errors: [{ line: 21, text: 'RoleArn' }],
      output: moved,
    },
    {
      name: 'duplicated RoleArn in JSON',
      fileName: 'p.json',
      code: jsonAnswer,
      errors: [{ line: 13, text: '"RoleArn"' }],
      output: jsonAnswer
        .replace(',\n          "RoleArn": "arn:aws:iam::222222222222:role/action"', '')
        .replace('"version": "1"},\n', '"version": "1"},\n        "roleArn": "arn:aws:iam::222222222222:role/action",\n'),
    },
    {
      name: 'the duplicate is the last line of the action: the move goes above Configuration, no overlap',
      code: answer.replace('\n  RunOrder: 1', ''),
      errors: [{ line: 21, text: 'RoleArn' }],
      output: moved.replace('\n  RunOrder: 1', ''),
    },
    {
      name: 'any other duplicate key: no fix',
      code: "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::S3::Bucket}\n",
      errors: [{ line: 4, text: 'A' }],
      output: null,
    },
  ],
});
