/// <reference types="mocha" />
// API-level checks inside the real extension host: diagnostics for every fixture, code actions,
// applyEdit. Expectations come from the core run on the same text, so this checks the adapter:
// codes, ranges, severities and fixes as VS Code receives them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lintText, type Finding } from '../../../src/core';

const EXTENSION_ID = 'cpx-lint.cross-account-pipeline-lint';

function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return folder.uri.fsPath;
}

type Expectation = number | ((diagnostics: vscode.Diagnostic[]) => boolean);

/** Waits until the document's diagnostics meet the expectation: an exact count, or a predicate. */
async function diagnosticsOf(uri: vscode.Uri, expectation: Expectation): Promise<vscode.Diagnostic[]> {
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cpx-lint');
  const met = (): boolean => (typeof expectation === 'number' ? current().length === expectation : expectation(current()));
  if (met()) return current();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics on ${uri.fsPath} never met the expectation; have ${current().map(codeOf).join(', ')}`));
    }, 10_000);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString()) || !met()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current());
    });
  });
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String((diagnostic.code as { value: string }).value);
}

/** Other rules may report on the same fixtures: these tests follow CPX-R01 alone. */
const withR01 = (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.some((d) => codeOf(d) === 'CPX-R01');
const withoutR01 = (diagnostics: vscode.Diagnostic[]): boolean => !withR01(diagnostics);
const r01Of = (diagnostics: vscode.Diagnostic[]): vscode.Diagnostic => {
  const found = diagnostics.find((d) => codeOf(d) === 'CPX-R01');
  assert.ok(found, 'a CPX-R01 diagnostic');
  return found;
};

function parameterValues(document: vscode.TextDocument): Map<string, string> {
  const accounts = vscode.workspace.getConfiguration('cpxLint', document.uri).get<Record<string, string>>('accounts') ?? {};
  return new Map(Object.entries(accounts));
}

function expectedOf(document: vscode.TextDocument): Finding[] {
  return lintText(document.getText(), { fileName: document.fileName, parameterValues: parameterValues(document) }).findings;
}

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

describe('cpx-lint in the extension host', () => {
  before(async function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const started = Date.now();
    await extension.activate();
    const activation = Date.now() - started;
    const report = process.env.CPX_HOST_RESULTS;
    if (report) fs.writeFileSync(`${report}.activation`, String(activation));
  });

  const fixtures = (): string[] => fs.readdirSync(workspaceRoot())
    .filter((name) => fs.statSync(path.join(workspaceRoot(), name)).isDirectory())
    .flatMap((name) => fs.readdirSync(path.join(workspaceRoot(), name)).filter((file) => file.startsWith('input.')).map((file) => path.join(workspaceRoot(), name, file)));

  it('publishes the core findings of every fixture as diagnostics: code, link, range, severity, related', async () => {
    const files = fixtures();
    assert.ok(files.length >= 5, `fixtures found: ${files.length}`);
    for (const file of files) {
      const document = await vscode.workspace.openTextDocument(file);
      const expected = expectedOf(document);
      const diagnostics = await diagnosticsOf(document.uri, expected.length);
      const actual = diagnostics.map((d) => {
        const code = d.code as { value: string; target: vscode.Uri };
        assert.match(code.target.path, new RegExp(`/docs/rules/${code.value}\\.md$`));
        return [code.value, document.offsetAt(d.range.start), document.offsetAt(d.range.end), d.severity, d.relatedInformation?.length ?? 0];
      });
      const wanted = expected.map((f) => [f.ruleId, f.start, f.end, SEVERITY[f.severity], f.related.length]);
      assert.deepEqual(actual, wanted, path.basename(path.dirname(file)));
    }
  });

  it('offers the fix as a quick fix on the diagnostic, and applyEdit clears the finding', async () => {
    const file = fixtures().find((candidate) => candidate.includes('seed-question-get-pipeline'));
    assert.ok(file);
    const document = await vscode.workspace.openTextDocument(file);
    const diagnostic = r01Of(await diagnosticsOf(document.uri, withR01));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === 'Add the action role');
    assert.ok(fix?.edit, `the fix is offered: ${JSON.stringify(actions.map((action) => [action.title, Boolean(action.edit)]))}`);
    assert.equal(fix.isPreferred, false, 'a placeholder role name needs review');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /"roleArn": "arn:aws:iam::000000000000:role\/CodePipelineCrossAccountRole"/);
    await diagnosticsOf(document.uri, withoutR01);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsOf(document.uri, withR01);
  });

  it('gives every finding the same menu: its fix, suppressions, documentation', async () => {
    const file = fixtures().find((candidate) => candidate.includes('seed-question-template'));
    assert.ok(file);
    const document = await vscode.workspace.openTextDocument(file);
    const diagnostic = r01Of(await diagnosticsOf(document.uri, withR01));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(actions.map((action) => action.title).filter((title) => /CPX-R01|action role/.test(title)), [
      'Add the action role', 'Suppress CPX-R01 for Pipeline', 'Suppress CPX-R01 for this line', 'Show documentation for CPX-R01',
    ]);
    const suppress = actions.find((action) => action.title === 'Suppress CPX-R01 for this line');
    assert.ok(suppress?.edit && (await vscode.workspace.applyEdit(suppress.edit)));
    await diagnosticsOf(document.uri, withoutR01);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsOf(document.uri, withR01);
  });

  it('follows per-rule severities from the settings', async () => {
    const file = fixtures().find((candidate) => candidate.includes('seed-question-get-pipeline'));
    assert.ok(file);
    const document = await vscode.workspace.openTextDocument(file);
    const config = vscode.workspace.getConfiguration('cpxLint', document.uri);
    await diagnosticsOf(document.uri, withR01);
    await config.update('rules', { 'CPX-R01': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsOf(document.uri, withoutR01);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const restored = r01Of(await diagnosticsOf(document.uri, withR01));
    assert.equal(restored.severity, vscode.DiagnosticSeverity.Error);
  });

  it('clears diagnostics when a document stops being a pipeline', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: '{"pipeline": {"roleArn": "arn:aws:iam::111111111111:role/p", "stages": [{"name": "s", "actions": [{"name": "a", "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CloudFormation", "version": "1"}, "configuration": {"ActionMode": "CREATE_UPDATE", "RoleArn": "arn:aws:iam::222222222222:role/cfn"}}]}]}}' });
    await vscode.window.showTextDocument(document);
    await diagnosticsOf(document.uri, withR01);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), '{"name": "not a pipeline"}');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsOf(document.uri, 0);
  });
});
