import * as vscode from 'vscode';
import type * as Aws from '../aws';
import type { Report } from './report';

/** Deployed pipelines open as read-only documents `cpx-aws:/<region>/<pipeline>.json?profile=<name>`. */
export const SCHEME = 'cpx-aws';
export const OPEN_DEPLOYED_PIPELINE = 'cpxLint.openDeployedPipeline';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

interface Address {
  readonly profile: string | undefined;
  readonly region: string;
  readonly name: string;
}

function toUri({ profile, region, name }: Address): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/${region}/${name}.json`, query: profile ? new URLSearchParams({ profile }).toString() : '' });
}

function fromUri(uri: vscode.Uri): Address | undefined {
  const match = /^\/([^/]+)\/([^/]+)\.json$/.exec(uri.path);
  return match ? { profile: new URLSearchParams(uri.query).get('profile') ?? undefined, region: match[1], name: match[2] } : undefined;
}

/** The SDK lives in dist/aws.js and is loaded on first use, so activation never pays for it. */
function loadAws(): typeof Aws {
  return require('../aws') as typeof Aws;
}

/**
 * "Open Deployed Pipeline…": profile, region, pipeline, then GetPipeline's output as a read-only
 * JSON document that the linter treats like any file. Only trusted workspaces get it, because it
 * uses the person's AWS credentials.
 */
export class DeployedPipelines implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** Text of the open documents; a document reopened after it was closed is fetched again. */
  private readonly texts = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly report: Report) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(SCHEME, this),
      vscode.commands.registerCommand(OPEN_DEPLOYED_PIPELINE, () => this.open()),
      vscode.workspace.onDidCloseTextDocument((document) => this.texts.delete(document.uri.toString())),
    ];
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const text = this.texts.get(uri.toString());
    if (text !== undefined) return text;
    const address = fromUri(uri);
    if (!address || !this.trusted()) throw new Error(`Cannot open ${uri.toString()}: use "Open Deployed Pipeline…".`);
    const aws = loadAws();
    const profile = aws.findProfile(await aws.listProfiles(), address.profile);
    const source = new aws.PipelineSource({ profile: address.profile, region: address.region, sso: profile?.sso ?? false });
    try {
      return (await progress(`Getting pipeline ${address.name}`, (signal) => source.getPipeline(address.name, signal))).text;
    } catch (error) {
      throw new Error(this.failure(aws, error) || 'Cancelled.');
    } finally {
      source.dispose();
    }
  }

  private async open(): Promise<void> {
    if (!this.trusted()) return;
    const aws = loadAws();
    const profile = await pickProfile(await aws.listProfiles());
    if (!profile) return;
    const region = await vscode.window.showInputBox({
      title: 'Open Deployed Pipeline: AWS region',
      value: aws.defaultRegion(profile.profile) ?? 'us-east-1',
      prompt: `Region of the pipelines to list with ${profile.label}`,
      ignoreFocusOut: true,
      validateInput: (value) => (REGION.test(value.trim()) ? undefined : 'A region code, such as eu-west-1'),
    });
    if (!region) return;
    const target = { profile: profile.profile?.name, region: region.trim(), sso: profile.profile?.sso ?? false };
    const source = new aws.PipelineSource(target);
    try {
      const { account, pipelines } = await progress(`Listing pipelines in ${target.region}`, async (signal, report) => {
        const caller = await source.account(signal);
        const listed = await source.listPipelines(signal, (count) => report.report({ message: `${count} so far` }));
        return { account: caller, pipelines: listed };
      });
      if (pipelines.length === 0) {
        void vscode.window.showInformationMessage(`No pipelines in account ${account ?? '?'} in ${target.region}.`);
        return;
      }
      const picked = await vscode.window.showQuickPick(
        pipelines.map((pipeline) => ({
          label: pipeline.name,
          description: pipeline.version === undefined ? undefined : `version ${pipeline.version}`,
          detail: pipeline.updated ? `updated ${pipeline.updated.toISOString().slice(0, 16).replace('T', ' ')} UTC` : undefined,
        })),
        { title: `Pipelines of account ${account ?? '?'} in ${target.region} (${pipelines.length})`, placeHolder: 'Type to filter', ignoreFocusOut: true },
      );
      if (!picked) return;
      const deployed = await progress(`Getting pipeline ${picked.label}`, (signal) => source.getPipeline(picked.label, signal));
      const uri = toUri({ profile: target.profile, region: target.region, name: deployed.name });
      this.texts.set(uri.toString(), deployed.text);
      let document = await vscode.workspace.openTextDocument(uri);
      if (document.languageId !== 'json') document = await vscode.languages.setTextDocumentLanguage(document, 'json');
      await vscode.window.showTextDocument(document, { preview: false });
      this.report.log(`Opened deployed pipeline ${deployed.name} of account ${account ?? '?'} in ${target.region}, read-only.`);
    } catch (error) {
      const message = this.failure(aws, error);
      if (message) void vscode.window.showErrorMessage(message);
    } finally {
      source.dispose();
    }
  }

  /** Refused in code too: the command can be run from elsewhere than the palette. */
  private trusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage('Opening a deployed pipeline uses your AWS credentials: trust this workspace first.');
    return false;
  }

  /** The one line to show (empty when cancelled); the log gets the kind of failure, never a response. */
  private failure(aws: typeof Aws, error: unknown): string {
    if (error instanceof aws.AwsProblem) {
      this.report.log(`Open deployed pipeline: ${error.kind}.`);
      return error.kind === 'cancelled' ? '' : error.message;
    }
    this.report.log('Open deployed pipeline: unexpected failure.');
    return `Could not open the deployed pipeline: ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

interface ProfileItem extends vscode.QuickPickItem {
  /** None: the SDK's default chain (environment variables, instance role). */
  readonly profile: Aws.AwsProfile | undefined;
}

async function pickProfile(profiles: readonly Aws.AwsProfile[]): Promise<ProfileItem | undefined> {
  const items: ProfileItem[] = profiles.map((profile) => ({
    label: profile.name,
    description: [profile.region, profile.sso ? 'IAM Identity Center' : undefined].filter(Boolean).join(' · ') || undefined,
    profile,
  }));
  if (items.length === 0) items.push({ label: 'Default credentials', description: 'environment variables or instance role', profile: undefined });
  return vscode.window.showQuickPick(items, { title: 'Open Deployed Pipeline: AWS profile', placeHolder: 'Profiles of ~/.aws/config and ~/.aws/credentials', ignoreFocusOut: true });
}

/** A cancellable notification; cancelling aborts the request in flight. */
function progress<T>(title: string, task: (signal: AbortSignal, report: vscode.Progress<{ message?: string }>) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (report, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await task(controller.signal, report);
    } finally {
      subscription.dispose();
    }
  });
}
