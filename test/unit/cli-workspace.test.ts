import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main';
import { applyEdits, type TextEdit } from '../../src/core';
import { CI_PIPELINE, DEV_ROLES, lineOf, PASS_ROLE } from '../support/workspace';

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, (text) => { out += text; }, () => undefined);
  return { code, out };
}

/** The seed answer's two accounts, the DEV role without iam:PassRole. */
function files(): { dir: string; ci: string; dev: string; devText: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cpx-ws-'));
  const devText = DEV_ROLES.replace(PASS_ROLE, '');
  writeFileSync(join(dir, 'ci.yaml'), CI_PIPELINE);
  writeFileSync(join(dir, 'dev.yaml'), devText);
  return { dir, ci: join(dir, 'ci.yaml'), dev: join(dir, 'dev.yaml'), devText };
}

const ACTION_LINE = lineOf(CI_PIPELINE, 'RoleArn: !Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"');
const CFN_LINE = lineOf(CI_PIPELINE, 'RoleArn: !Sub "arn:aws:iam::${DevAccountId}:role/cloudformation-role"');

describe('cpx-lint on several files', () => {
  it('--links prints each role ARN with the line of its definition', async () => {
    const { dir, ci, dev, devText } = files();
    const { out } = await cli('--links', dir);
    const links = out.slice(out.indexOf('Links (2):')).split('\n').slice(1, 3).map((line) => line.trim().split(/\s+/));
    assert.deepEqual(links.map((parts) => [parts[0], parts.at(-1)]), [
      [`${ci}:${ACTION_LINE}`, `${dev}:${lineOf(devText, '  CrossAccountRole:') + 1}`],
      [`${ci}:${CFN_LINE}`, `${dev}:${lineOf(devText, '  CloudFormationRole:') + 1}`],
    ]);
    assert.ok(!(await cli(dir)).out.includes('Links ('), 'only with --links');
  });

  it('json: links per file, related places and fixes in the other file', async () => {
    const { dir, ci, dev, devText } = files();
    const reports = JSON.parse((await cli('--format', 'json', dir)).out) as {
      file: string;
      findings: { ruleId: string; startLine: number; related: { file?: string }[]; fixes: { file?: string; edits: TextEdit[] }[] }[];
      links: { kind: string; startLine: number; targets: { file: string }[] }[];
    }[];
    const report = reports.find((candidate) => candidate.file === ci);
    assert.deepEqual(report?.links.map((link) => [link.kind, link.startLine, link.targets.map((target) => target.file)]), [
      ['role', ACTION_LINE, [dev]], ['role', CFN_LINE, [dev]],
    ]);
    const passRole = report?.findings.find((finding) => finding.ruleId === 'CPX-R07');
    assert.deepEqual([passRole?.startLine, passRole?.related.map((item) => item.file)], [CFN_LINE, [dev]]);
    // Its fix edits the role's file, with offsets into that file's text.
    assert.deepEqual(passRole?.fixes.map((fix) => fix.file), [dev]);
    assert.match(applyEdits(devText, passRole?.fixes[0].edits ?? []), /Action: iam:PassRole\n {12}Resource: !GetAtt CloudFormationRole\.Arn/);
  });

  it('sarif: the related location is in the other file', async () => {
    const { dir, dev } = files();
    const log = JSON.parse((await cli('--format', 'sarif', dir)).out) as {
      runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const result = log.runs[0].results.find((candidate) => candidate.ruleId === 'CPX-R07');
    assert.deepEqual(result?.relatedLocations?.map((location) => location.physicalLocation.artifactLocation.uri), [relative('.', dev).split('\\').join('/')]);
  });
});
