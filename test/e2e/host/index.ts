// Entry point of the suite that runs inside the real extension host (`extensionTestsPath`):
// VS Code calls `run()`. The same *.suite.js files run under @vscode/test-cli (.vscode-test.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.suite.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const results: { passed: string[]; failed: { title: string; error: string }[] } = { passed: [], failed: [] };
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // The browser console mangles mocha's output, so the driver reads a results file too.
      const resultsFile = process.env.CPX_HOST_RESULTS;
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => results.passed.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) => results.failed.push({ title: test.fullTitle(), error: error.stack ?? error.message }));
  });
}
