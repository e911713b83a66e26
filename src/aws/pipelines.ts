import { CodePipelineClient, GetPipelineCommand, ListPipelinesCommand } from '@aws-sdk/client-codepipeline';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { state as nodeVersionWarning } from '@aws-sdk/core/client';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { toProblem, type Operation } from './errors';

export interface Target {
  /** A profile of the shared files; none for the SDK's default chain (environment, AWS_PROFILE, `default`, instance role). */
  readonly profile: string | undefined;
  readonly region: string;
  /** The profile signs in through IAM Identity Center (see AwsProfile.sso). */
  readonly sso: boolean;
}

export interface PipelineEntry {
  readonly name: string;
  readonly version: number | undefined;
  readonly updated: Date | undefined;
}

export interface DeployedPipeline {
  readonly name: string;
  readonly arn: string | undefined;
  /** `aws codepipeline get-pipeline` output as the AWS CLI prints it: `{pipeline, metadata}`, 4-space indented. */
  readonly text: string;
}

// The bundled SDK is pinned: its warning that later SDK releases will need Node 22 concerns
// those releases, and would add lines to the CLI's one-line errors.
nodeVersionWarning.warningEmitted = true;

/** Unreachable endpoints fail within this time instead of the operating system's minutes. */
const CONNECTION_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Read-only access to one account and region: the three calls below are the only ones made
 * (see PERMISSIONS). Every failure is an AwsProblem; `signal` aborts the request in flight.
 */
export class PipelineSource {
  private readonly codepipeline: CodePipelineClient;
  private readonly sts: STSClient;

  constructor(readonly target: Target) {
    const { profile, region } = target;
    // One provider for both clients, so an SSO or assume-role profile resolves once. The files
    // are re-read, so `aws sso login` while the editor runs is picked up; the no-op logger keeps
    // the SDK's console warnings out of the CLI's single-line errors.
    const credentials = defaultProvider({ profile, ignoreCache: true, logger: SILENT });
    const requestHandler = { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS };
    this.codepipeline = new CodePipelineClient({ region, profile, credentials, requestHandler });
    this.sts = new STSClient({ region, profile, credentials, requestHandler });
  }

  /** The account the credentials belong to. */
  async account(signal?: AbortSignal): Promise<string | undefined> {
    const output = await this.call('GetCallerIdentity', () => this.sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal }));
    return output.Account;
  }

  /** Every pipeline of the account and region, following NextToken; `onPage` sees the count so far. */
  async listPipelines(signal?: AbortSignal, onPage?: (count: number) => void): Promise<PipelineEntry[]> {
    const entries: PipelineEntry[] = [];
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const output = await this.call('ListPipelines', () => this.codepipeline.send(new ListPipelinesCommand({ nextToken: token }), { abortSignal: signal }));
      for (const summary of output.pipelines ?? []) {
        if (summary.name) entries.push({ name: summary.name, version: summary.version, updated: summary.updated });
      }
      onPage?.(entries.length);
      nextToken = output.nextToken;
      // A token seen before would loop forever.
      if (nextToken !== undefined && seen.has(nextToken)) break;
      if (nextToken !== undefined) seen.add(nextToken);
    } while (nextToken);
    return entries;
  }

  async getPipeline(name: string, signal?: AbortSignal): Promise<DeployedPipeline> {
    const output = await this.call('GetPipeline', () => this.codepipeline.send(new GetPipelineCommand({ name }), { abortSignal: signal }), name);
    const text = JSON.stringify({ pipeline: output.pipeline, metadata: output.metadata }, cliTimestamps, 4) + '\n';
    return { name, arn: output.metadata?.pipelineArn, text };
  }

  dispose(): void {
    this.codepipeline.destroy();
    this.sts.destroy();
  }

  private async call<T>(operation: Operation, send: () => Promise<T>, pipeline?: string): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw toProblem(error, { ...this.target, operation, pipeline });
    }
  }
}

/** Dates as the AWS CLI prints them (`2024-05-20T09:20:12.443000+00:00`), not as Date.toJSON does. */
function cliTimestamps(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? raw.toISOString().replace(/Z$/, '000+00:00') : value;
}

const ignore = (): void => undefined;
const SILENT = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };
