import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, lintText, type Finding } from '../../src/core';

const ACCOUNT = new Map([['AWS::AccountId', '111111111111']]);

function fixOnce(text: string, fileName: string, ruleId: string): string {
  const finding = lintText(text, { fileName, parameterValues: ACCOUNT }).findings.find((candidate: Finding) => candidate.ruleId === ruleId);
  assert.ok(finding?.fixes[0], `${ruleId} offers a fix`);
  return applyEdits(text, finding.fixes[0].edits);
}

const action = (configuration: string, eol = '\n'): string => [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  Pipeline:',
  '    Type: AWS::CodePipeline::Pipeline',
  '    Properties:',
  '      Stages:',
  '        - Name: Deploy',
  '          Actions:',
  `            - {Name: D, ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}, Configuration: ${configuration}}`,
  '',
].join(eol);

describe('fix rendering', () => {
  it('inserts into a YAML flow mapping and keeps the rest of the line', () => {
    const text = action("{ActionMode: CREATE_UPDATE, RoleArn: 'arn:aws:iam::222222222222:role/cfn'}");
    const fixed = fixOnce(text, 't.yaml', 'CPX-R01');
    assert.equal(fixed, text.replace("role/cfn'}}", "role/cfn'}, RoleArn: 'arn:aws:iam::222222222222:role/CodePipelineCrossAccountRole'}"));
  });

  it('keeps CRLF line ends and comments in block YAML', () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09' # header",
      'Resources:',
      '  Pipeline:',
      '    Type: AWS::CodePipeline::Pipeline',
      '    Properties:',
      '      Stages:',
      '        - Name: Deploy # stage',
      '          Actions:',
      '            - Name: D # the action',
      "              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: '1'}",
      '              Configuration:',
      '                ActionMode: CREATE_UPDATE',
      '                RoleArn: arn:aws:iam::222222222222:role/cfn # keep me',
      '',
    ].join('\r\n');
    const fixed = fixOnce(text, 't.yaml', 'CPX-R01');
    assert.equal(fixed, text.replace('              Configuration:\r\n', '              RoleArn: arn:aws:iam::222222222222:role/CodePipelineCrossAccountRole  # action role in account 222222222222; check the role name\r\n              Configuration:\r\n'));
    assert.ok(!fixed.replace(/\r\n/g, '').includes('\n'), 'no bare line feeds');
  });

  it('follows tab indentation in JSON', () => {
    const text = JSON.stringify({
      pipeline: {
        roleArn: 'arn:aws:iam::111111111111:role/p',
        stages: [{ name: 's', actions: [{ name: 'a', actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' }, configuration: { ActionMode: 'CREATE_UPDATE', RoleArn: 'arn:aws:iam::222222222222:role/cfn' } }] }],
      },
      metadata: { pipelineArn: 'arn:aws:codepipeline:eu-west-1:111111111111:p' },
    }, null, '\t');
    const fixed = fixOnce(text, 'p.json', 'CPX-R01');
    assert.match(fixed, /\n\t{6}"roleArn": "arn:aws:iam::222222222222:role\/CodePipelineCrossAccountRole",\n\t{6}"configuration"/);
    assert.doesNotThrow(() => JSON.parse(fixed));
  });

  it('changes nothing outside the edited range', () => {
    const text = action("{ActionMode: CREATE_UPDATE, RoleArn: !Ref RoleParam}").replace("Resources:", "Parameters:\n  RoleParam: {Type: String}\nResources:");
    const finding = lintText(text.replace('!Ref RoleParam', '!Ref Pipeline'), { fileName: 't.yaml' }).findings.find((f) => f.ruleId === 'CPX-R09');
    assert.ok(finding);
    assert.equal(finding.fixes.length, 0, 'Ref of a non-role resource has no fix');
  });
});
