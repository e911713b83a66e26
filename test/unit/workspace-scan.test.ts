import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES, scanInto, Workspace, type ScanFile } from '../../src/core';
import { CI_PIPELINE, DEV_ROLES } from '../support/workspace';

function files(count: number, read: (index: number) => Promise<string | undefined> = async () => DEV_ROLES): ScanFile[] {
  return Array.from({ length: count }, (_, index) => ({ fileName: `roles-${index}.yaml`, read: () => read(index) }));
}

describe('scanInto', () => {
  it('reads every file in batches and reports progress after each', async () => {
    const workspace = new Workspace({ rules: RULES });
    const progress: string[] = [];
    const outcome = await scanInto(() => workspace, files(5), { batchSize: 2, onProgress: (done, total) => progress.push(`${done}/${total}`) });
    assert.deepEqual(outcome, { read: 5, cancelled: false });
    assert.deepEqual(progress, ['2/5', '4/5', '5/5']);
    assert.equal(workspace.fileNames.length, 5);
    assert.equal(workspace.rolesByKey('role/cross-account-role').length, 5);
  });

  it('stops between batches when cancelled, keeping what it read', async () => {
    const workspace = new Workspace({ rules: RULES });
    let batches = 0;
    const outcome = await scanInto(() => workspace, files(10), { batchSize: 3, isCancelled: () => batches === 2, onProgress: () => { batches++; } });
    assert.deepEqual(outcome, { read: 6, cancelled: true });
    assert.deepEqual(workspace.fileNames, ['roles-0.yaml', 'roles-1.yaml', 'roles-2.yaml', 'roles-3.yaml', 'roles-4.yaml', 'roles-5.yaml']);
  });

  it('asks for the workspace before each batch, so files read after it was replaced go to the new one', async () => {
    const first = new Workspace({ rules: RULES });
    const second = new Workspace({ rules: RULES });
    let current = first;
    await scanInto(() => current, files(4), { batchSize: 2, onProgress: () => { current = second; } });
    assert.deepEqual(first.fileNames, ['roles-0.yaml', 'roles-1.yaml']);
    assert.deepEqual(second.fileNames, ['roles-2.yaml', 'roles-3.yaml']);
  });

  it('leaves out files it could not read, or that the caller follows itself (open in an editor)', async () => {
    const workspace = new Workspace({ rules: RULES });
    workspace.set('roles-1.yaml', CI_PIPELINE);
    const outcome = await scanInto(() => workspace, files(4, async (index) => {
      if (index === 2) throw new Error('EACCES');
      return index === 3 ? undefined : DEV_ROLES;
    }), { skip: (fileName) => fileName === 'roles-1.yaml' });
    assert.deepEqual(outcome, { read: 4, cancelled: false });
    assert.deepEqual(workspace.fileNames.sort(), ['roles-0.yaml', 'roles-1.yaml']);
    assert.equal(workspace.text('roles-1.yaml'), CI_PIPELINE, 'the open text is kept');
  });
});
