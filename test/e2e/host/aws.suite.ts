/// <reference types="mocha" />
// Inside the real extension host: the AWS SDK (dist/aws.js) is not loaded by activation, only
// by the command that needs it.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'cpx-lint.cross-account-pipeline-lint';

describe('deployed pipelines in the extension host', () => {
  it('activation registers "Open Deployed Pipeline…" without loading the AWS SDK', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    await extension.activate();
    assert.ok((await vscode.commands.getCommands(true)).includes('cpxLint.openDeployedPipeline'));
    const loaded = Object.keys(require.cache).filter((file) => file.startsWith(extension.extensionPath));
    assert.ok(loaded.some((file) => /[\\/]dist[\\/]extension\.js$/.test(file)), `the extension is loaded: ${loaded.join(', ')}`);
    assert.deepEqual(loaded.filter((file) => /[\\/]dist[\\/]aws\.js$/.test(file)), []);
  });
});
