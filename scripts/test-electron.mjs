// Runs the extension-host suite under @vscode/test-cli, which downloads VS Code. Machines that
// cannot download it (no route to the VS Code update service) run the same suite in code-server
// (npm run test:e2e); here the run is skipped, and says so, unless CPX_TEST_ELECTRON=1.
import { spawnSync } from 'node:child_process';

if (process.env.CPX_TEST_ELECTRON !== '1') {
  console.log('test:electron SKIPPED: @vscode/test-electron must download VS Code, which this machine may not reach.');
  console.log('  The same suite (out/test/e2e/host/*.suite.js) runs in code-server with npm run test:e2e.');
  console.log('  Set CPX_TEST_ELECTRON=1 on a machine that can download VS Code to run it there.');
  process.exit(0);
}
const result = spawnSync('npx', ['vscode-test'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
