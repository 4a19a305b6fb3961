/**
 * The one reader of traffic a user names: a `--traffic` spec (constant, diurnal, CSV) or a
 * deployed function's CloudWatch history (`cloudwatch:FUNCTION`, `--from-function`), with one
 * default for how many days of history. bench, advise and cost crossover all read through it, so
 * `cloudwatch:NAME` means the same traffic in each.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { UsageError } from '../errors.ts';
import type { TrafficProfile } from '../domain.ts';
import { parseProfileSpec } from './profiles.ts';

/** Days of a function's history read when none are asked for: two full weeks, within CloudWatch's 15 days of 1-minute data. */
export const defaultHistoryDays = 14;

export interface FunctionTrafficAccess {
  region: string;
  /** CloudWatch endpoint override (the local engine); no credentials are needed with it. */
  endpoint?: string | undefined;
  /** Credentials already found by the caller; else they are looked up in `env`. */
  credentials?: AwsCredentialIdentity | undefined;
  /** Where credentials are looked up (AWS_PROFILE included) when none are given. */
  env?: NodeJS.ProcessEnv;
  days?: number | undefined;
  /** How the user asked, for the message when credentials are missing ("--traffic cloudwatch:f"). */
  askedAs: string;
  /** True when the command takes --endpoint, so the message can offer it. */
  endpointFlag?: boolean;
}

/** A deployed function's per-minute Invocations from CloudWatch (AWS, or the local engine with an endpoint). */
export async function readFunctionTraffic(functionName: string, access: FunctionTrafficAccess): Promise<TrafficProfile> {
  // Loaded only here: the CloudWatch client and credential providers are heavy to import.
  const { findAwsCredentials, awsCredentialSources } = await import('../system/aws-credentials.ts');
  const env = access.env ?? process.env;
  const credentials = access.credentials ?? (access.endpoint === undefined ? await findAwsCredentials(env) : null);
  if (!credentials && access.endpoint === undefined) {
    const orEndpoint = access.endpointFlag ? '; or give --endpoint for the local engine' : '';
    throw new UsageError(`${access.askedAs} reads CloudWatch and needs AWS credentials (looked for ${awsCredentialSources(env)})${orEndpoint}`);
  }
  const { invocationHistory } = await import('./function-history.ts');
  return invocationHistory({
    functionName,
    region: access.region,
    days: access.days ?? defaultHistoryDays,
    ...(access.endpoint !== undefined ? { endpoint: access.endpoint } : {}),
    ...(credentials ? { credentials } : {}),
  });
}

/** A traffic spec to its profile; `cloudwatch:FUNCTION` reads the function's history with `access`. */
export function readTrafficSpec(spec: string, cwd: string, access: Omit<FunctionTrafficAccess, 'askedAs'> & { flag: string }): Promise<TrafficProfile> {
  const { flag, ...rest } = access;
  return parseProfileSpec(spec, cwd, (functionName) => readFunctionTraffic(functionName, { ...rest, askedAs: `${flag} cloudwatch:${functionName}` }));
}
