// The account map page in chromium, as a webview shows it: its Content-Security-Policy lets the
// nonce'd styles and script run, a click posts a reveal message, and a render message redraws.
// It needs only chromium (not code-server), and skips without it like the rest of the suite.
import assert from 'node:assert/strict';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium } from 'playwright-core';
import { buildAccountMap, lintText, renderAccountMapSvg } from '../../src/core';
import { accountMapHtml } from '../../src/vscode/mapProtocol';
import { CHROMIUM_PATH } from './harness';

function skipReason(): string | false {
  if (process.env.CI === 'true' || process.env.E2E_REQUIRED === '1') return false;
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return false;
  } catch {
    return `chromium missing (${CHROMIUM_PATH}); run \`bash scripts/e2e/setup.sh\``;
  }
}

test('account map webview: styles and script run under its CSP, clicks post reveal, render redraws', { skip: skipReason() }, async () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'seed-question', 'template.yaml'), 'utf8');
  const { model, findings } = lintText(text, { fileName: 'template.yaml', parameterValues: new Map([['AWS::AccountId', '111111111111']]) });
  assert.ok(model?.pipelines[0]);
  const nonce = 'dGVzdC1ub25jZQ==';
  const html = accountMapHtml(renderAccountMapSvg(buildAccountMap(model, model.pipelines[0], findings), { styleNonce: nonce }), nonce);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => problems.push(message.text()));
    // Page code is written as strings: the tests compile without the DOM library.
    await page.addInitScript('window.posted = []; window.acquireVsCodeApi = () => ({ postMessage: (message) => window.posted.push(message) });');
    await page.route('http://webview.test/', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto('http://webview.test/');
    await page.click('g.link.passes text');
    assert.equal(await page.evaluate("getComputedStyle(document.querySelector('g.link.broken path')).strokeDasharray"), '7px, 4px');
    const posted = await page.evaluate('window.posted');
    const cfnRole = text.indexOf('!Sub arn:${AWS::Partition}:iam::${ProdAccountId}:role/role-to-assume');
    assert.deepEqual(posted, [{ type: 'reveal', start: cfnRole, end: text.indexOf('\n', cfnRole) }]);
    await page.evaluate("window.postMessage({ type: 'render', body: '<p>redrawn</p>' }, '*')");
    await page.waitForFunction("document.getElementById('map').textContent === 'redrawn'");
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
