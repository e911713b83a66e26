import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildAccountMap, lintText, renderAccountMapSvg, type AccountMap, type Finding } from '../../src/core';
import { main } from '../../src/cli/main';
import { fixedSeedTemplate, SEED_DIR, SEED_PARAMETERS, seedTemplate } from '../support/seed';
import { pipelineYaml } from '../support/templates';

function mapOf(text: string, fileName: string, options: { parameters?: ReadonlyMap<string, string>; names?: ReadonlyMap<string, string>; extraFindings?: (findings: readonly Finding[]) => Finding[] } = {}): AccountMap {
  const { model, findings } = lintText(text, { fileName, parameterValues: options.parameters ?? SEED_PARAMETERS });
  assert.ok(model && model.pipelines[0]);
  return buildAccountMap(model, model.pipelines[0], options.extraFindings ? options.extraFindings(findings) : findings, { accountNames: options.names });
}

function node(map: AccountMap, id: string): { lane: string; column: number; row: number; broken: readonly string[] } {
  const found = map.nodes.find((candidate) => candidate.id === id);
  assert.ok(found, `node ${id}`);
  return { lane: map.lanes[found.lane].id, column: found.column, row: found.row, broken: found.broken };
}

function link(map: AccountMap, id: string): readonly string[] {
  const found = map.links.find((candidate) => candidate.id === id);
  assert.ok(found, `link ${id}`);
  return found.broken;
}

function syntheticFinding(ruleId: string, path: readonly (string | number)[]): Finding {
  return { ruleId, severity: 'error', message: '', path, start: 0, end: 1, related: [], fixes: [] };
}

describe('account map layout', () => {
  it('seed question: the deploy runs in the tools lane, its CloudFormation role sits in production, and the passes link is broken by CPX-R01', () => {
    const text = seedTemplate();
    const map = mapOf(text, 'template.yaml', { names: new Map([['111111111111', 'tools']]) });
    assert.deepEqual(map.lanes.map((lane) => [lane.id, lane.label, lane.pipelineAccount, lane.unresolved]), [
      ['111111111111', 'tools', true, false],
      ['000000000000', '000000000000', false, false],
    ]);
    assert.deepEqual(map.columns.map((column) => column.label), ['pipeline', 'Source', 'Build', 'Production']);
    assert.deepEqual(node(map, 'pipeline-role'), { lane: '111111111111', column: 0, row: 0, broken: [] });
    assert.deepEqual(node(map, 'bucket'), { lane: '111111111111', column: 0, row: 1, broken: [] });
    assert.deepEqual(node(map, 'action:2.1'), { lane: '111111111111', column: 3, row: 1, broken: [] });
    assert.deepEqual(node(map, 'cloudformation-role:2.1'), { lane: '000000000000', column: 3, row: 0, broken: [] });
    assert.ok(!map.nodes.some((candidate) => candidate.kind === 'action-role'));
    assert.deepEqual(link(map, 'passes:action:2.1->cloudformation-role:2.1'), ['CPX-R01']);
    assert.deepEqual(map.links.filter((candidate) => candidate.broken.length > 0).map((candidate) => candidate.id), ['passes:action:2.1->cloudformation-role:2.1']);
    // The approval action touches no artifacts.
    assert.deepEqual(map.links.filter((candidate) => candidate.kind === 'reads').map((candidate) => candidate.from), ['action:0.0', 'action:1.0', 'action:2.1']);
  });

  it('every node and link keeps the offsets of what it stands for', () => {
    const text = seedTemplate();
    const map = mapOf(text, 'template.yaml');
    const cfnRole = map.nodes.find((candidate) => candidate.kind === 'cloudformation-role');
    assert.ok(cfnRole);
    assert.match(text.slice(cfnRole.start, cfnRole.end), /role\/role-to-assume$/);
    const bucket = map.nodes.find((candidate) => candidate.kind === 'bucket');
    assert.equal(bucket && text.slice(bucket.start, bucket.end), '!Ref ArtifactBucket');
    const passes = map.links.find((candidate) => candidate.kind === 'passes');
    assert.deepEqual(passes && [passes.start, passes.end], [cfnRole.start, cfnRole.end]);
    for (const item of [...map.nodes, ...map.links, ...map.columns]) assert.ok(item.start < item.end && item.end <= text.length);
  });

  it('seed question after the fix: the action and its role move to production and nothing about roles is broken', () => {
    const map = mapOf(fixedSeedTemplate(), 'template.yaml');
    assert.deepEqual(node(map, 'action:2.1'), { lane: '000000000000', column: 3, row: 0, broken: [] });
    assert.deepEqual(node(map, 'action-role:2.1'), { lane: '000000000000', column: 3, row: 1, broken: [] });
    assert.deepEqual(node(map, 'cloudformation-role:2.1').lane, '000000000000');
    assert.deepEqual(link(map, 'assumes:pipeline-role->action-role:2.1'), []);
    assert.deepEqual(link(map, 'passes:action-role:2.1->cloudformation-role:2.1'), []);
  });

  it('seed get-pipeline JSON: the pipeline account comes from its ARN', () => {
    const text = readFileSync(join(SEED_DIR, 'get-pipeline.json'), 'utf8');
    const map = mapOf(text, 'get-pipeline.json', { parameters: new Map() });
    assert.equal(map.lanes[0].id, '111111111111');
    assert.ok(map.lanes[0].pipelineAccount);
    assert.deepEqual(map.links.filter((candidate) => candidate.broken.length > 0).map((candidate) => [candidate.kind, candidate.broken]), [['passes', ['CPX-R01']]]);
  });

  it('an account that cannot be resolved gets a lane of its own, marked unresolved', () => {
    const text = pipelineYaml("- Name: A\n  ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}\n  RoleArn: !Sub 'arn:aws:iam::${Other}:role/a'", { parameters: '  Other:\n    Type: String\n' });
    const map = mapOf(text, 't.yaml', { parameters: new Map() });
    assert.deepEqual(map.lanes.map((lane) => [lane.id, lane.pipelineAccount, lane.unresolved]), [
      ["the pipeline's account", true, false],
      ['${Other}', false, true],
    ]);
    assert.equal(node(map, 'action:0.0').lane, '${Other}');
  });

  it('findings on the action role break the assumes link; key and bucket findings elsewhere mark the artifacts node', () => {
    const text = fixedSeedTemplate();
    const roleArnPath = ['Resources', 'Pipeline', 'Properties', 'Stages', 2, 'Actions', 1, 'RoleArn'];
    const map = mapOf(text, 'template.yaml', {
      extraFindings: () => [
        syntheticFinding('CPX-R06', roleArnPath),
        syntheticFinding('CPX-K07', ['Resources', 'Key', 'Properties']),
        syntheticFinding('CPX-B04', ['Resources', 'Pipeline', 'Properties', 'Stages', 1, 'Actions', 0, 'InputArtifacts']),
        syntheticFinding('CPX-C01', ['Resources', 'Pipeline', 'Properties', 'Stages', 0, 'Actions', 0, 'Name']),
      ],
    });
    assert.deepEqual(link(map, 'assumes:pipeline-role->action-role:2.1'), ['CPX-R06']);
    assert.deepEqual(link(map, 'reads:action:1.0->bucket'), ['CPX-B04']);
    assert.deepEqual(node(map, 'bucket').broken, ['CPX-K07']);
    assert.deepEqual(node(map, 'action:0.0').broken, ['CPX-C01']);
  });

  it('the SVG is deterministic, self-contained, and draws broken links dashed with their rule id', () => {
    const map = mapOf(seedTemplate(), 'template.yaml');
    const svg = renderAccountMapSvg(map);
    assert.equal(svg, renderAccountMapSvg(mapOf(seedTemplate(), 'template.yaml')));
    assert.doesNotMatch(svg, /<script|href="http|url\(http/);
    assert.match(svg, /<g class="link passes broken"[^>]*>.*CPX-R01<\/text>/);
    assert.match(svg, /\.link\.broken path \{[^}]*stroke-dasharray/);
    assert.match(renderAccountMapSvg(map, { styleNonce: 'n0' }), /<style nonce="n0">/);
  });
});

describe('cpx-lint --map', () => {
  async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await main(args, (text) => { out += text; }, (text) => { err += text; });
    return { code, out, err };
  }

  it('writes the map of the first pipeline besides the usual report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpx-map-'));
    try {
      const file = join(dir, 'map.svg');
      const result = await run(['--account', 'AWS::AccountId=111111111111', '--map', file, join(SEED_DIR, 'template.yaml')]);
      assert.equal(result.code, 1);
      assert.match(result.out, /CPX-R01/);
      assert.equal(readFileSync(file, 'utf8'), renderAccountMapSvg(mapOf(seedTemplate(), 'template.yaml')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with exit code 2 when no file holds a pipeline, and refuses --from-aws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpx-map-'));
    try {
      const empty = join(dir, 'empty.yaml');
      writeFileSync(empty, 'a: 1\n');
      const none = await run(['--map', join(dir, 'map.svg'), empty]);
      assert.equal(none.code, 2);
      assert.match(none.err, /no pipeline/);
      assert.equal((await run(['--map', join(dir, 'map.svg'), '--from-aws', 'p'])).code, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
