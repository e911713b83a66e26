/** The only AWS operations this tool ever calls, all read-only, with the IAM action each needs. */
export const PERMISSIONS = {
  GetCallerIdentity: 'sts:GetCallerIdentity',
  ListPipelines: 'codepipeline:ListPipelines',
  GetPipeline: 'codepipeline:GetPipeline',
} as const;

export type Operation = keyof typeof PERMISSIONS;

/** What went wrong, for tests and callers to act on without reading the message. */
export type ProblemKind =
  | 'no-credentials'
  | 'sso-login'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'access-denied'
  | 'throttled'
  | 'not-found'
  | 'unreachable'
  | 'cancelled'
  | 'failed';

/** An AWS failure told as one line a person can act on: no stack, no credentials, no response body. */
export class AwsProblem extends Error {
  override readonly name = 'AwsProblem';

  constructor(readonly kind: ProblemKind, message: string) {
    super(message);
  }
}

export interface CallContext {
  readonly operation: Operation;
  readonly profile: string | undefined;
  readonly region: string;
  /** The profile signs in through IAM Identity Center. */
  readonly sso: boolean;
  readonly pipeline?: string;
}

const THROTTLING = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const INVALID = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied']);
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
/** The SDK's credential and token providers throw these; they never reached AWS. */
const PROVIDER = new Set(['CredentialsProviderError', 'TokenProviderError']);

interface ErrorFields {
  readonly name: string;
  readonly message: string;
  readonly code: string | undefined;
  readonly attempts: number | undefined;
  readonly throttling: boolean;
}

function fieldsOf(error: unknown): ErrorFields {
  if (!(error instanceof Error)) return { name: '', message: String(error), code: undefined, attempts: undefined, throttling: false };
  const extra = error as Error & { code?: unknown; $metadata?: { attempts?: unknown }; $retryable?: { throttling?: unknown } };
  return {
    name: error.name,
    message: error.message,
    code: typeof extra.code === 'string' ? extra.code : undefined,
    attempts: typeof extra.$metadata?.attempts === 'number' ? extra.$metadata.attempts : undefined,
    throttling: extra.$retryable?.throttling === true,
  };
}

/** The first line of a message, so that nothing multi-line (or a stack) reaches a person. */
function firstLine(text: string): string {
  return text.split('\n', 1)[0].trim();
}

/** Turns whatever the SDK threw into an AwsProblem whose message says what to do next. */
export function toProblem(error: unknown, context: CallContext): AwsProblem {
  if (error instanceof AwsProblem) return error;
  const { name, message, code, attempts, throttling } = fieldsOf(error);
  const { operation, profile, region } = context;
  const who = profile ? `profile "${profile}"` : 'the default AWS credentials';
  const login = `aws sso login${profile ? ` --profile ${profile}` : ''}`;
  const service = operation === 'GetCallerIdentity' ? 'STS' : 'CodePipeline';

  if (name === 'AbortError') return new AwsProblem('cancelled', 'Cancelled.');
  if (PROVIDER.has(name) && (context.sso || /\bsso\b/i.test(message))) {
    return new AwsProblem('sso-login', `The IAM Identity Center (SSO) session of ${who} has expired or was never started: run \`${login}\` and try again.`);
  }
  if (PROVIDER.has(name)) {
    return new AwsProblem('no-credentials', `No AWS credentials found for ${who} (${firstLine(message)}): configure them with \`aws configure${profile ? ` --profile ${profile}` : ''}\` or choose another profile.`);
  }
  if (EXPIRED.has(name)) {
    return context.sso
      ? new AwsProblem('sso-login', `The credentials of ${who} have expired: run \`${login}\` and try again.`)
      : new AwsProblem('expired-credentials', `The credentials of ${who} have expired (${name}): refresh them and try again.`);
  }
  if (INVALID.has(name)) {
    return new AwsProblem('invalid-credentials', `AWS rejected the credentials of ${who} (${name}): the access key is unknown or its secret is wrong.`);
  }
  if (DENIED.has(name)) {
    const on = context.pipeline ? ` on pipeline "${context.pipeline}"` : '';
    return new AwsProblem('access-denied', `Access denied: ${who} is not allowed ${PERMISSIONS[operation]}${on} in ${region}. Add ${PERMISSIONS[operation]} to the IAM policy of its user or role.`);
  }
  if (THROTTLING.has(name) || throttling) {
    return new AwsProblem('throttled', `AWS throttled ${operation} ${attempts ?? 'several'} times in a row (the SDK retried with back-off): wait a minute and try again.`);
  }
  if (name === 'PipelineNotFoundException') {
    return new AwsProblem('not-found', `No pipeline named "${context.pipeline ?? ''}" in ${region} for ${who}: check the name and the region.`);
  }
  if ((code !== undefined && NETWORK.has(code)) || name === 'TimeoutError') {
    return new AwsProblem('unreachable', `Cannot reach the ${service} endpoint of ${region} (${code ?? name}): check the network connection, any proxy, and the region.`);
  }
  return new AwsProblem('failed', `${operation} failed${name && name !== 'Error' ? ` (${name})` : ''}: ${firstLine(message)}`);
}
