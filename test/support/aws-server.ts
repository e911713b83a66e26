// A stand-in for AWS on 127.0.0.1 (port from listen(0)) that answers with the recordings of
// aws-recordings.ts: CodePipeline's JSON 1.1 protocol (X-Amz-Target) and STS's query protocol
// (Action=...). It records every call, so tests can assert that nothing but the three read-only
// operations is ever called, and in which region and with which access key.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PERMISSIONS } from '../../src/aws';
import {
  CALLER_IDENTITY, CROSS_ACCOUNT, ERRORS, GET_APP_BUILD, GET_CROSS_ACCOUNT, INVALID_NEXT_TOKEN, LIST_PAGE_1, LIST_PAGE_2, LOCKED,
  PAGE_2_TOKEN, REGION, ACCOUNT, denied, pipelineNotFound, type RecordedError, type Recording,
} from './aws-recordings';

export interface Call {
  /** `ListPipelines`, `GetPipeline`, `GetCallerIdentity`, or whatever else arrived. */
  readonly operation: string;
  /** From the SigV4 credential scope of the Authorization header. */
  readonly region: string;
  readonly service: string;
  readonly accessKeyId: string;
  /** The decoded request: the JSON body, or the query parameters. */
  readonly input: Readonly<Record<string, unknown>>;
}

export interface FakeAws {
  /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL_CODEPIPELINE and AWS_ENDPOINT_URL_STS. */
  readonly url: string;
  /** The calls since the last `reset()`. */
  readonly calls: Call[];
  /** Operations ever called (never reset) other than the three read-only ones this tool may call. */
  otherOperations(): string[];
  /** Every later call of `operation` fails with the recorded error, until `reset()`. */
  fail(operation: string, error: RecordedError): void;
  /** Later calls of `operation` get no answer (until the client gives up), until `reset()`. */
  stall(operation: string): void;
  /** Stalled calls whose client hung up, since the last `reset()`. */
  readonly abandoned: string[];
  reset(): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'CodePipeline_20150709.';

export async function startFakeAws(): Promise<FakeAws> {
  const calls: Call[] = [];
  const operations = new Set<string>();
  const faults = new Map<string, RecordedError>();
  const stalled = new Set<string>();
  const abandoned: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = request.headers['x-amz-target'];
      const form = new URLSearchParams(body);
      const operation = typeof target === 'string' ? target.replace(TARGET_PREFIX, '') : form.get('Action') ?? `${request.method} ${request.url}`;
      const input = typeof target === 'string' ? parseJson(body) : Object.fromEntries(form);
      const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(request.headers.authorization ?? ''));
      calls.push({ operation, region: scope?.[2] ?? '', service: scope?.[3] ?? '', accessKeyId: scope?.[1] ?? '', input });
      operations.add(operation);
      if (stalled.has(operation)) {
        response.on('close', () => abandoned.push(operation));
        return;
      }
      const fault = faults.get(operation);
      send(response, fault ? ERRORS[fault] : answer(operation, input));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    otherOperations: () => [...operations].filter((operation) => !(operation in PERMISSIONS)),
    fail: (operation, error) => faults.set(operation, error),
    stall: (operation) => stalled.add(operation),
    abandoned,
    reset: () => {
      faults.clear();
      stalled.clear();
      abandoned.length = 0;
      calls.length = 0;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function answer(operation: string, input: Readonly<Record<string, unknown>>): Recording {
  switch (operation) {
    case 'GetCallerIdentity':
      return CALLER_IDENTITY;
    case 'ListPipelines':
      if (input.nextToken === undefined) return LIST_PAGE_1;
      return input.nextToken === PAGE_2_TOKEN ? LIST_PAGE_2 : INVALID_NEXT_TOKEN;
    case 'GetPipeline': {
      const name = String(input.name);
      if (name === CROSS_ACCOUNT) return GET_CROSS_ACCOUNT;
      if (name === 'app-build') return GET_APP_BUILD;
      if (name === LOCKED) return denied('GetPipeline', `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${LOCKED}`);
      return pipelineNotFound(name);
    }
    default:
      return { status: 400, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'UnknownOperationException' }) };
  }
}

function send(response: http.ServerResponse, recording: Recording): void {
  response.writeHead(recording.status, {
    'Content-Type': recording.contentType,
    'Content-Length': Buffer.byteLength(recording.body),
    'x-amzn-RequestId': '7e1f4b2a-0c3d-4e5f-8a9b-6c7d8e9f0a1b',
    Date: new Date().toUTCString(),
  });
  response.end(recording.body);
}

function parseJson(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body || '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
