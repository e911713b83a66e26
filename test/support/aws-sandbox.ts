// AWS config and credentials files in a temporary folder, and the environment that points the
// SDK at them and at the fake server: the real ~/.aws, instance metadata and AWS are never used.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach } from 'node:test';
import { startFakeAws, type FakeAws } from './aws-server';

/** The access key of profile `tools`, which the fake server sees in the SigV4 credential scope. */
export const TOOLS_KEY = 'AKIAIOSFODNN7EXAMPLE';
export const ENV_KEY = 'AKIAI44QH8DHBEXAMPLE';

const CONFIG = `[profile tools]
region = eu-west-1

[profile sso-dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = PipelineReader
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp-example.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile no-keys]
region = eu-west-1

[profile no-region]
`;

const CREDENTIALS = `[tools]
aws_access_key_id = ${TOOLS_KEY}
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[no-region]
aws_access_key_id = AKIAJ3EXAMPLE7NOREGN
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
`;

/**
 * Writes the files (and an expired IAM Identity Center token for session `corp`) under `home`, an
 * empty folder the caller removes, and returns the environment for the SDK: `endpoint` serves
 * both CodePipeline and STS. Variables that would bring in other credentials are emptied.
 */
export function awsSandbox(endpoint: string, home: string): Record<string, string> {
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(join(home, '.aws', 'config'), CONFIG);
  writeFileSync(join(home, '.aws', 'credentials'), CREDENTIALS);
  // The SDK names the cache file after the SHA-1 of the session name; no refresh token, so it cannot renew it.
  const tokenFile = `${createHash('sha1').update('corp').digest('hex')}.json`;
  writeFileSync(join(home, '.aws', 'sso', 'cache', tokenFile), JSON.stringify({
    startUrl: 'https://corp-example.awsapps.com/start',
    region: 'eu-west-1',
    accessToken: 'aoaAAAAAExpiredExampleToken',
    expiresAt: '2024-05-20T09:20:12Z',
  }));
  return {
    HOME: home,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_ENDPOINT_URL_CODEPIPELINE: endpoint,
    AWS_ENDPOINT_URL_STS: endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: '',
    AWS_REGION: '',
    AWS_DEFAULT_REGION: '',
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_WEB_IDENTITY_TOKEN_FILE: '',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '',
    AWS_CONTAINER_CREDENTIALS_FULL_URI: '',
    AWS_ENDPOINT_URL: '',
  };
}

/**
 * For a unit-test file: starts the fake AWS, points this process's SDK at it, resets it before
 * each test, and at the end checks that nothing but the read-only operations was called.
 */
export function useFakeAws(): () => FakeAws {
  let server: FakeAws | undefined;
  const home = mkdtempSync(join(tmpdir(), 'cpx-aws-home-'));
  before(async () => {
    server = await startFakeAws();
    Object.assign(process.env, awsSandbox(server.url, home));
  });
  beforeEach(() => server?.reset());
  after(async () => {
    assert.deepEqual(server?.otherOperations(), []);
    await server?.close();
    rmSync(home, { recursive: true, force: true });
  });
  return () => {
    assert.ok(server, 'the fake AWS is running');
    return server;
  };
}
