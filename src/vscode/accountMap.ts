import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { buildAccountMap, renderAccountMapSvg } from '../core';
import type { Linter } from './linter';
import { accountMapHtml, noteHtml, parseRevealMessage } from './mapProtocol';

export const SHOW_ACCOUNT_MAP = 'cpxLint.showAccountMap';
/** Typing re-lints after its own debounce; the map waits a little more so it is not redrawn on every lint. */
const REDRAW_DELAY_MS = 200;

/** One panel per document and pipeline, redrawn as the document is re-linted. */
export class AccountMaps implements vscode.Disposable {
  private readonly panels = new Map<string, MapPanel>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly extensionUri: vscode.Uri, private readonly linter: Linter) {
    this.subscriptions = [
      vscode.commands.registerCommand(SHOW_ACCOUNT_MAP, (uri: unknown, pipeline: unknown) => this.show(uri, pipeline)),
      linter.onDidLint((document) => {
        for (const panel of this.panels.values()) if (panel.document === document) panel.scheduleRedraw();
      }),
    ];
  }

  /** From a CodeLens: the document's URI and the pipeline's index; from the palette: the active editor's first pipeline. */
  private async show(uri: unknown, pipeline: unknown): Promise<void> {
    const document = typeof uri === 'string'
      ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))
      : vscode.window.activeTextEditor?.document;
    if (!document) {
      void vscode.window.showInformationMessage('Open a CloudFormation template or get-pipeline JSON to see its account map.');
      return;
    }
    const index = typeof pipeline === 'number' && Number.isInteger(pipeline) && pipeline >= 0 ? pipeline : 0;
    const key = `${document.uri.toString()}#${index}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = new MapPanel(this.extensionUri, this.linter, document, index, () => this.panels.delete(key));
    this.panels.set(key, panel);
  }

  dispose(): void {
    for (const panel of this.panels.values()) panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

class MapPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly nonce = randomBytes(16).toString('base64');
  private timer: NodeJS.Timeout | undefined;

  constructor(extensionUri: vscode.Uri, private readonly linter: Linter, readonly document: vscode.TextDocument, private readonly pipeline: number, onDispose: () => void) {
    this.panel = vscode.window.createWebviewPanel('cpxLint.accountMap', `Account map: ${document.uri.path.split('/').pop() ?? ''}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.webview.html = accountMapHtml(this.body(), this.nonce);
    this.panel.webview.onDidReceiveMessage((message: unknown) => this.revealSource(message));
    this.panel.onDidDispose(() => {
      clearTimeout(this.timer);
      onDispose();
    });
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  scheduleRedraw(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.panel.webview.postMessage({ type: 'render', body: this.body() }), REDRAW_DELAY_MS);
  }

  private body(): string {
    const result = this.linter.resultFor(this.document);
    if (!result) return noteHtml('Waiting for the file to be linted…');
    const pipeline = result.model?.pipelines[this.pipeline];
    if (!result.model || !pipeline) return noteHtml('This file holds no CodePipeline pipeline.');
    const map = buildAccountMap(result.model, pipeline, result.findings, { accountNames: result.settings.accountNames });
    return renderAccountMapSvg(map, { styleNonce: this.nonce });
  }

  /** A click on the map selects what it stands for in the source. */
  private async revealSource(message: unknown): Promise<void> {
    const request = parseRevealMessage(message, this.document.getText().length);
    if (!request) return;
    const range = new vscode.Range(this.document.positionAt(request.start), this.document.positionAt(request.end));
    const visible = vscode.window.visibleTextEditors.find((editor) => editor.document === this.document);
    const editor = await vscode.window.showTextDocument(this.document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.panel.dispose();
  }
}

/** "Show account map" above each pipeline resource, and at the top of get-pipeline JSON. */
export class AccountMapLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Lenses follow the lint, which follows edits. */
  private readonly subscription: vscode.Disposable;

  constructor(private readonly linter: Linter) {
    this.subscription = linter.onDidLint(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const model = this.linter.resultFor(document)?.model;
    if (!model) return [];
    return model.pipelines.map((pipeline, index) => {
      const resource = pipeline.logicalId === undefined ? undefined : model.resources.get(pipeline.logicalId);
      const offset = model.kind === 'template' ? (resource ?? pipeline).node.start : 0;
      const position = document.positionAt(offset);
      return new vscode.CodeLens(new vscode.Range(position, position), {
        title: 'Show account map',
        command: SHOW_ACCOUNT_MAP,
        arguments: [document.uri.toString(), index],
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
