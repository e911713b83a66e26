/// <reference types="mocha" />
// The workspace index inside the real extension host: a pipeline checked against a role template
// that is not open, related places inside that file, and re-linting when the other file changes
// on disk or in an editor.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CI_PIPELINE, DEV_ROLES, lineOf, TRUST_CI } from '../../support/workspace';

const EXTENSION_ID = 'cpx-lint.cross-account-pipeline-lint';
/** The DEV role trusting its own account instead of the CI account (CPX-R06). */
const TRUST_OWN_ACCOUNT = 'AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"';

interface ScanResult { readonly files: number; readonly cancelled: boolean }

function codeOf(diagnostic: vscode.Diagnostic): string {
  return String((diagnostic.code as { value: string }).value);
}

/** Waits until the cpx-lint diagnostics of `uri` meet `met`. */
async function diagnosticsWhere(uri: vscode.Uri, met: (diagnostics: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const current = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cpx-lint');
  if (met(current())) return current();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`${what}: never happened; have ${current().map((d) => `${codeOf(d)} ${d.message}`).join(' | ')}`));
    }, 10_000);
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (!met(current())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current());
    });
  });
}

const withR06 = (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.some((d) => codeOf(d) === 'CPX-R06');
const withoutR06 = (diagnostics: vscode.Diagnostic[]): boolean => !withR06(diagnostics);

describe('the workspace index in the extension host', () => {
  let folder: string;
  let ciUri: vscode.Uri;
  let devFile: string;
  const devWrong = DEV_ROLES.replace(TRUST_CI, TRUST_OWN_ACCOUNT);

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'a workspace folder is open');
    folder = path.join(root, 'cross-account');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'ci.yaml'), CI_PIPELINE);
    devFile = path.join(folder, 'dev.yaml');
    fs.writeFileSync(devFile, devWrong);
    // Ignored: dependencies are never read, even when they define the same role.
    fs.mkdirSync(path.join(folder, 'node_modules', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'node_modules', 'lib', 'dev.yaml'), DEV_ROLES);
    ciUri = vscode.Uri.file(path.join(folder, 'ci.yaml'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('the re-index command reads the files of the folder, not node_modules', async () => {
    const result = await vscode.commands.executeCommand<ScanResult>('cpxLint.reindex');
    assert.ok(result.files >= 2, `files read: ${result.files}`);
    assert.equal(result.cancelled, false);
  });

  it('a pipeline is checked against the role template of another account that is not open (CPX-R06), related place inside it', async () => {
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.fsPath === devFile), 'dev.yaml is not open');
    const document = await vscode.workspace.openTextDocument(ciUri);
    const diagnostics = await diagnosticsWhere(ciUri, withR06, 'CPX-R06 on ci.yaml');
    const r06 = diagnostics.find((d) => codeOf(d) === 'CPX-R06');
    assert.ok(r06);
    assert.equal(r06.range.start.line + 1, lineOf(CI_PIPELINE, 'RoleArn: !Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"'));
    assert.equal(document.getText(r06.range), '!Sub "arn:aws:iam::${DevAccountId}:role/cross-account-role"');
    const related = r06.relatedInformation?.find((item) => item.location.uri.fsPath === devFile);
    assert.ok(related, 'a related place in dev.yaml');
    // The trust policy's value, starting on the line after its key.
    assert.equal(related.location.range.start.line + 1, lineOf(devWrong, 'AssumeRolePolicyDocument') + 1);
  });

  it('Go to Definition on the action role ARN lands on that role in the other file', async () => {
    const document = await vscode.workspace.openTextDocument(ciUri);
    await diagnosticsWhere(ciUri, withR06, 'ci.yaml linted');
    const position = document.positionAt(CI_PIPELINE.indexOf('role/cross-account-role'));
    const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', ciUri, position);
    const targets = links.map((link) => ('targetUri' in link ? { uri: link.targetUri, range: link.targetRange } : link));
    const role = targets.find((target) => target.uri.fsPath === devFile);
    assert.ok(role, `a definition in dev.yaml: ${JSON.stringify(targets.map((target) => target.uri.fsPath))}`);
    const roleNameLine = lineOf(devWrong, 'RoleName: cross-account-role') - 1;
    assert.ok(role.range.start.line <= roleNameLine && roleNameLine <= role.range.end.line, `the role's range holds its RoleName: ${JSON.stringify(role.range)}`);
    // The hover names the file and line too, as a link.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', ciUri, position);
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, new RegExp(`\\[cross-account/dev\\.yaml:${role.range.start.line + 1}\\]\\(file://[^)]*dev\\.yaml#L${role.range.start.line + 1}\\)`), text);
  });

  it('fixing the role template on disk re-lints the open pipeline', async () => {
    fs.writeFileSync(devFile, DEV_ROLES);
    await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone after dev.yaml was fixed on disk');
    fs.writeFileSync(devFile, devWrong);
    await diagnosticsWhere(ciUri, withR06, 'CPX-R06 back after dev.yaml was broken on disk');
  });

  it('editing the role template in an editor, unsaved, re-lints the pipeline; closing it unsaved goes back to the disk', async () => {
    const dev = await vscode.workspace.openTextDocument(devFile);
    await vscode.window.showTextDocument(dev);
    const start = dev.getText().indexOf(TRUST_OWN_ACCOUNT);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(dev.uri, new vscode.Range(dev.positionAt(start), dev.positionAt(start + TRUST_OWN_ACCOUNT.length)), TRUST_CI);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone after an unsaved edit of dev.yaml');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await diagnosticsWhere(ciUri, withR06, 'CPX-R06 back once the unsaved edit was dropped');
  });

  it('"Create the target-account role stack" writes a template that the pipeline links to at once, and never over a file', async () => {
    // Role names no file of the folder defines.
    const pipeline = CI_PIPELINE.replace(/cross-account-role/g, 'stack-action-role').replace(/cloudformation-role/g, 'stack-cfn-role');
    const pipelineFile = path.join(folder, 'stack-ci.yaml');
    fs.writeFileSync(pipelineFile, pipeline);
    const document = await vscode.workspace.openTextDocument(pipelineFile);
    await diagnosticsWhere(document.uri, (diagnostics) => diagnostics.length > 0, 'stack-ci.yaml linted');
    const roleArn = pipeline.indexOf('!Sub "arn:aws:iam::${DevAccountId}:role/stack-action-role"');
    const at = new vscode.Range(document.positionAt(roleArn), document.positionAt(roleArn + 3));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, at, vscode.CodeActionKind.QuickFix.value);
    const create = actions.find((action) => action.title.startsWith('Create the target-account role stack'));
    assert.ok(create?.command, `offered: ${JSON.stringify(actions.map((action) => action.title))}`);
    // Naming a file that exists: refused, the file untouched.
    const mine = path.join(folder, 'mine.yaml');
    fs.writeFileSync(mine, '# mine\n');
    assert.equal(await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []), vscode.Uri.file(mine).toString()), undefined);
    assert.equal(fs.readFileSync(mine, 'utf8'), '# mine\n');
    const destination = vscode.Uri.file(path.join(folder, 'dev-stack', 'roles.yaml'));
    const written = await vscode.commands.executeCommand<string | undefined>(create.command.command, ...(create.command.arguments ?? []), destination.toString());
    assert.equal(written, destination.toString());
    const text = fs.readFileSync(destination.fsPath, 'utf8');
    assert.match(text, /RoleName: stack-action-role\n/);
    assert.match(text, /RoleName: stack-cfn-role\n/);
    // Linked: Go to Definition on the action role lands in the new file, and it is no longer offered.
    await diagnosticsWhere(document.uri, () => true, 'stack-ci.yaml re-linted');
    const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, at.start);
    assert.ok(links.some((link) => ('targetUri' in link ? link.targetUri : link.uri).fsPath === destination.fsPath), 'the action role links to the new file');
    const after = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, at, vscode.CodeActionKind.QuickFix.value);
    assert.ok(!after.some((action) => action.title.startsWith('Create the target-account role stack')), 'not offered once the roles exist');
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri).map(codeOf).filter((code) => ['CPX-R06', 'CPX-R07', 'CPX-R08', 'CPX-U01'].includes(code)), []);
  });

  it('a samconfig.toml named in cpxLint.parameterFiles gives the account parameters their values', async () => {
    await vscode.workspace.openTextDocument(ciUri);
    await diagnosticsWhere(ciUri, withR06, 'CPX-R06 on ci.yaml');
    // DEV in the pipeline's own account: the role trusting its own account trusts the pipeline's.
    fs.writeFileSync(path.join(folder, 'samconfig.toml'), 'version = 0.1\n[default.deploy.parameters]\nparameter_overrides = "DevAccountId=111111111111"\n[prod.deploy.parameters]\nparameter_overrides = "DevAccountId=444444444444"\n');
    const config = vscode.workspace.getConfiguration('cpxLint', ciUri);
    await config.update('parameterFiles', ['cross-account/samconfig.toml'], vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone with DevAccountId from samconfig.toml');
      // Another environment: DEV in another account again.
      await config.update('samConfigEnv', 'prod', vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(ciUri, withR06, 'CPX-R06 back with the prod environment of samconfig.toml');
    } finally {
      await config.update('samConfigEnv', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('parameterFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(ciUri, withR06, 'CPX-R06 back without the parameter file');
  });

  it('a fix into the role template is not offered while its open buffer differs from the text it was made for', async () => {
    const config = vscode.workspace.getConfiguration('cpxLint', ciUri);
    // Linting on save: typing in the role template does not reach the index. The change of setting
    // re-lints every open document once; wait for that before typing.
    const applied = new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('cpxLint.run')) return;
        listener.dispose();
        resolve();
      });
    });
    await config.update('run', 'onSave', vscode.ConfigurationTarget.Workspace);
    await applied;
    const fixTitles = async (): Promise<string[]> => {
      const r06 = (await diagnosticsWhere(ciUri, withR06, 'CPX-R06 on ci.yaml')).find((d) => codeOf(d) === 'CPX-R06');
      assert.ok(r06);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ciUri, r06.range, vscode.CodeActionKind.QuickFix.value);
      return actions.filter((action) => action.edit?.entries().some(([uri]) => uri.fsPath === devFile)).map((action) => action.title);
    };
    try {
      await vscode.workspace.openTextDocument(ciUri);
      assert.equal((await fixTitles()).length, 1, 'the fix into dev.yaml is offered');
      const dev = await vscode.workspace.openTextDocument(devFile);
      await vscode.window.showTextDocument(dev);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(dev.uri, new vscode.Position(0, 0), '# moved everything down a line\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.deepEqual(await fixTitles(), [], 'not offered against the changed buffer');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      assert.equal((await fixTitles()).length, 1, 'offered again once the buffer is what was linted');
    } finally {
      await config.update('run', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a folder renamed or deleted on disk takes its templates along', async () => {
    fs.rmSync(devFile);
    await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone after dev.yaml was deleted');
    const inFile = (name: string) => (diagnostics: vscode.Diagnostic[]): boolean => diagnostics.some((d) => codeOf(d) === 'CPX-R06'
      && (d.relatedInformation ?? []).some((item) => item.location.uri.fsPath === path.join(folder, name, 'roles.yaml')));
    fs.mkdirSync(path.join(folder, 'team'));
    fs.writeFileSync(path.join(folder, 'team', 'roles.yaml'), devWrong);
    await diagnosticsWhere(ciUri, inFile('team'), 'CPX-R06 pointing into team/roles.yaml');
    // A rename reports the folders only; a stale team/roles.yaml would make the role ambiguous (a CPX-U01 note, no CPX-R06).
    fs.renameSync(path.join(folder, 'team'), path.join(folder, 'team-renamed'));
    await diagnosticsWhere(ciUri, inFile('team-renamed'), 'CPX-R06 pointing into team-renamed/roles.yaml');
    fs.rmSync(path.join(folder, 'team-renamed'), { recursive: true });
    await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone with the folder');
    fs.writeFileSync(devFile, devWrong);
    await diagnosticsWhere(ciUri, withR06, 'CPX-R06 back with dev.yaml');
  });

  it('without file events: re-indexing finds new and deleted files, and a fix is not offered against a file changed on disk since', async () => {
    fs.rmSync(devFile);
    await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone after dev.yaml was deleted');
    const quiet = path.join(folder, 'quiet', 'dev.yaml');
    fs.mkdirSync(path.dirname(quiet), { recursive: true });
    fs.writeFileSync(quiet, devWrong);
    await vscode.commands.executeCommand('cpxLint.reindex');
    const r06 = (await diagnosticsWhere(ciUri, withR06, 'CPX-R06 from quiet/dev.yaml after re-indexing')).find((d) => codeOf(d) === 'CPX-R06');
    assert.ok(r06);
    const intoQuiet = async (): Promise<number> => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ciUri, r06.range, vscode.CodeActionKind.QuickFix.value))
      .filter((action) => action.edit?.entries().some(([uri]) => uri.fsPath === quiet)).length;
    assert.equal(await intoQuiet(), 1, 'the fix into quiet/dev.yaml is offered');
    fs.writeFileSync(quiet, `# a line the index has not seen\n${devWrong}`);
    assert.equal(await intoQuiet(), 0, 'not offered once the file on disk is not what the fix was made for');
    fs.rmSync(path.dirname(quiet), { recursive: true });
    await vscode.commands.executeCommand('cpxLint.reindex');
    await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone once re-indexing no longer finds quiet/dev.yaml');
    fs.writeFileSync(devFile, devWrong);
    await diagnosticsWhere(ciUri, withR06, 'CPX-R06 back with dev.yaml');
  });

  it('a role template deleted from disk leaves the pipeline unchecked against it', async () => {
    fs.rmSync(devFile);
    await diagnosticsWhere(ciUri, withoutR06, 'CPX-R06 gone after dev.yaml was deleted');
    fs.writeFileSync(devFile, devWrong);
    await diagnosticsWhere(ciUri, withR06, 'CPX-R06 back after dev.yaml was created again');
  });
});
