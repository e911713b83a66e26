import { loadSharedConfigFiles } from '@smithy/core/config';

/** A profile of the shared AWS config and credentials files. */
export interface AwsProfile {
  readonly name: string;
  /** The profile's `region` in the config file. */
  readonly region: string | undefined;
  /** Credentials come from IAM Identity Center: an expired session needs `aws sso login`. */
  readonly sso: boolean;
}

/** Config-file sections that are not profiles (`[sso-session x]`, `[services x]`), as the SDK keys them. */
const OTHER_SECTION = /^(sso-session|services)\./;

/**
 * The profiles of both files, `default` first. The files are read afresh every time (the SDK
 * caches them), so a profile added while the editor runs is offered; AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE are honoured as the SDK does.
 */
export async function listProfiles(): Promise<AwsProfile[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile).filter((key) => !OTHER_SECTION.test(key)), ...Object.keys(credentialsFile)]);
  return [...names]
    .sort((a, b) => Number(b === 'default') - Number(a === 'default') || a.localeCompare(b))
    .map((name) => {
      const section = configFile[name] ?? {};
      return { name, region: section.region || undefined, sso: Boolean(section.sso_session || section.sso_start_url) };
    });
}

/** The named profile, else the one the SDK would use: AWS_PROFILE's, else `default`. */
export function findProfile(profiles: readonly AwsProfile[], name: string | undefined): AwsProfile | undefined {
  const wanted = name ?? (process.env.AWS_PROFILE || 'default');
  return profiles.find((profile) => profile.name === wanted);
}

/** The profile's region, else AWS_REGION: a profile is chosen for its account and region together. */
export function defaultRegion(profile: AwsProfile | undefined): string | undefined {
  return profile?.region ?? (process.env.AWS_REGION || undefined);
}
