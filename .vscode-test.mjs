// @vscode/test-cli configuration: the same extension-host suite that test/e2e/extension-host.test.ts
// runs in code-server, run in a downloaded VS Code (`npm run test:electron`).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'extension-host',
  files: 'out/test/e2e/host/*.suite.js',
  version: '1.100.3',
  workspaceFolder: './test/fixtures',
  mocha: { ui: 'bdd', timeout: 30000 },
  settings: { 'cpxLint.accounts': { 'AWS::AccountId': '111111111111' } },
});
