/**
 * Deadlines for every AWS SDK client lmi-bench makes: without them the SDK waits forever on an
 * endpoint that accepts a connection and never answers (measured: `advise --function` silent for
 * over 200 s). A connection must open within 5 s and a response must not go 20 s without a byte;
 * a call is tried twice (one retry, after the SDK's short backoff), so a dead endpoint fails one
 * call in at most about 50 s and the command says so in one line. Clients with their own needs
 * (the load worker invoke, one attempt over minutes) set theirs.
 *
 * LMI_BENCH_AWS_TIMEOUT_SEC (a number of seconds, 1 to 600) replaces the 20 s request timeout:
 * longer behind a slow proxy, shorter in a pipeline that should give up sooner.
 */
import { UsageError } from '../errors.ts';

export const awsConnectionTimeoutMs = 5_000;
export const awsRequestTimeoutMs = 20_000;
export const awsMaxAttempts = 2;
export const awsTimeoutVariable = 'LMI_BENCH_AWS_TIMEOUT_SEC';
const longestRequestTimeoutSec = 600;

/** The request timeout: 20 s, or what LMI_BENCH_AWS_TIMEOUT_SEC says (a UsageError if it is not 1 to 600 s). */
export function awsRequestTimeout(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[awsTimeoutVariable];
  if (raw === undefined || raw === '') return awsRequestTimeoutMs;
  const seconds = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(seconds >= 1 && seconds <= longestRequestTimeoutSec)) {
    throw new UsageError(`${awsTimeoutVariable} must be a number of seconds from 1 to ${longestRequestTimeoutSec}, got '${raw}'`);
  }
  return Math.round(seconds * 1000);
}

/** Options for any `new XxxClient({...})`: spread first, so a client can still override one. */
export function awsClientLimits(env: NodeJS.ProcessEnv = process.env): { maxAttempts: number; requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean } } {
  // throwOnRequestTimeout: without it this SDK only logs a warning when the timeout passes, and waits on.
  return { maxAttempts: awsMaxAttempts, requestHandler: { connectionTimeout: awsConnectionTimeoutMs, requestTimeout: awsRequestTimeout(env), throwOnRequestTimeout: true } };
}
