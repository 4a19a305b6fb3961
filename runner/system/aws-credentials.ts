/**
 * Finds AWS credentials the way the SDK's default chain does (environment, web identity token
 * file, shared config/credentials files with AWS_PROFILE, including SSO, credential_process and
 * role profiles), minus the instance metadata service: a laptop or CI runner without AWS must
 * not spend seconds probing 169.254.169.254. The container endpoint is used only when the
 * environment explicitly names one (AWS_CONTAINER_CREDENTIALS_*_URI, as ECS and CodeBuild set).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { UsageError } from '../errors.ts';
import { errorMessage, firstLine } from './error-message.ts';

/** Credentials, or null when no source is configured. A configured source that fails is a UsageError. */
export async function findAwsCredentials(env: NodeJS.ProcessEnv): Promise<AwsCredentialIdentity | null> {
  const fromEnvVars = credentialsFromEnv(env);
  if (fromEnvVars) return fromEnvVars;
  // Loaded on demand: the SDK's providers cost a noticeable part of a second to import, and
  // only --target aws needs them.
  const sdk = await import('@aws-sdk/credential-providers');
  for (const { what, provider, explicit } of providers(env, sdk)) {
    try {
      return await provider();
    } catch (error) {
      if (isNotConfigured(error) && !explicit) continue;
      const message = errorMessage(error);
      throw new UsageError(`AWS credentials from ${what} failed: ${firstLine(message)}`);
    }
  }
  return null;
}

/** Where findAwsCredentials looks, for the message when it finds nothing. */
export function awsCredentialSources(env: NodeJS.ProcessEnv): string {
  const files = sharedFiles(env);
  return `AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile '${profileName(env)}' in ${files.configFilepath} or ${files.filepath}, AWS_WEB_IDENTITY_TOKEN_FILE`;
}

function credentialsFromEnv(env: NodeJS.ProcessEnv): AwsCredentialIdentity | null {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) return null;
  const sessionToken = env['AWS_SESSION_TOKEN'];
  const expiration = env['AWS_CREDENTIAL_EXPIRATION'];
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration ? { expiration: new Date(expiration) } : {}),
  };
}

interface Source {
  what: string;
  provider: AwsCredentialIdentityProvider;
  /** The user named this source (AWS_PROFILE), so its failure is theirs to see, not a reason to move on. */
  explicit: boolean;
}

function providers(env: NodeJS.ProcessEnv, sdk: typeof import('@aws-sdk/credential-providers')): Source[] {
  const { fromContainerMetadata, fromIni, fromTokenFile } = sdk;
  const list: Source[] = [];
  const tokenFile = env['AWS_WEB_IDENTITY_TOKEN_FILE'];
  const roleArn = env['AWS_ROLE_ARN'];
  if (tokenFile && roleArn) {
    list.push({
      what: 'AWS_WEB_IDENTITY_TOKEN_FILE',
      explicit: true,
      provider: fromTokenFile({ webIdentityTokenFile: tokenFile, roleArn, ...(env['AWS_ROLE_SESSION_NAME'] ? { roleSessionName: env['AWS_ROLE_SESSION_NAME'] } : {}) }),
    });
  }
  const profile = profileName(env);
  const explicit = Boolean(env['AWS_PROFILE'] || env['AWS_DEFAULT_PROFILE']);
  list.push({ what: `profile '${profile}'`, explicit, provider: fromIni({ profile, ...sharedFiles(env), ignoreCache: true }) });
  if (env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'] || env['AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
    list.push({ what: 'the container credentials endpoint', explicit: true, provider: fromContainerMetadata({ timeout: 2000, maxRetries: 1 }) });
  }
  return list;
}

function profileName(env: NodeJS.ProcessEnv): string {
  return env['AWS_PROFILE'] || env['AWS_DEFAULT_PROFILE'] || 'default';
}

function sharedFiles(env: NodeJS.ProcessEnv): { filepath: string; configFilepath: string } {
  const home = env['HOME'] || env['USERPROFILE'] || homedir();
  return {
    filepath: env['AWS_SHARED_CREDENTIALS_FILE'] || join(home, '.aws', 'credentials'),
    configFilepath: env['AWS_CONFIG_FILE'] || join(home, '.aws', 'config'),
  };
}

/**
 * The SDK marks "try the next source" with `tryNextLink`, also for a default profile whose
 * credential_process fails; errors without it (an expired SSO token) are always reported.
 */
function isNotConfigured(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { tryNextLink?: unknown }).tryNextLink === true;
}
