/**
 * The credentials are checked with STS GetCallerIdentity before anything is written or
 * deployed: with a wrong key, `cdk deploy` printed 24–34 lines of stack traces and left a
 * run.json "running" and an empty run folder. GetCallerIdentity needs no IAM permission, so a
 * refusal means the credentials themselves are bad (or expired). One signed POST with the
 * signer the front doors already use; no STS client is needed for one call. The endpoint
 * follows the AWS SDKs' own override variables (AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL).
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { UsageError } from '../../errors.ts';
import { errorMessage } from '../../system/error-message.ts';
import { createRequestSigner } from '../../system/sigv4-signer.ts';
import { awsRequestTimeout } from '../../system/aws-client-limits.ts';

export interface CallerIdentity {
  account: string;
  arn: string;
}

const body = 'Action=GetCallerIdentity&Version=2011-06-15';

export function stsEndpoint(region: string, env: NodeJS.ProcessEnv): string {
  return env['AWS_ENDPOINT_URL_STS'] ?? env['AWS_ENDPOINT_URL'] ?? `https://sts.${region}.amazonaws.com/`;
}

/** Who the credentials are; a UsageError in one line when STS refuses them or cannot be reached. */
export async function checkCallerIdentity(region: string, credentials: AwsCredentialIdentity, env: NodeJS.ProcessEnv = process.env): Promise<CallerIdentity> {
  const url = stsEndpoint(region, env);
  const sign = createRequestSigner({ region, service: 'sts', credentials, applyChecksum: false });
  const headers = await sign({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body });
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(awsRequestTimeout(env)) });
    text = await response.text();
  } catch (error) {
    throw new UsageError(`could not check the AWS credentials: STS at ${url} did not answer (${errorMessage(error)})`);
  }
  if (!response.ok) {
    const code = tag(text, 'Code') ?? `HTTP ${response.status}`;
    const message = tag(text, 'Message');
    throw new UsageError(`AWS refused the credentials (STS GetCallerIdentity: ${code}${message ? `: ${message}` : ''}): check the profile or access keys; nothing was deployed`);
  }
  return { account: tag(text, 'Account') ?? 'unknown', arn: tag(text, 'Arn') ?? 'unknown' };
}

/** The text of the first <name>…</name> in an STS XML answer, on one line. */
function tag(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1]?.replace(/\s+/g, ' ').trim().slice(0, 300);
}

/**
 * The plan's credentials (its --profile, else the environment's), checked before a bench or a
 * deploy writes anything. No credentials: nothing to check here, the target refuses them.
 */
export async function checkPlanCredentials(plan: { region: string; awsProfile?: string }, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { findAwsCredentials } = await import('../../system/aws-credentials.ts');
  const withProfile = plan.awsProfile === undefined ? env : { ...env, AWS_PROFILE: plan.awsProfile };
  const credentials = await findAwsCredentials(withProfile);
  if (credentials) await checkCallerIdentity(plan.region, credentials, withProfile);
}
