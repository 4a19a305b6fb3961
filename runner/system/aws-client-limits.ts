/**
 * Deadlines for every AWS SDK client lmi-bench makes: without them the SDK waits forever on an
 * endpoint that accepts a connection and never answers (measured: `advise --function` silent for
 * over 200 s). A connection must open within 5 s and a response must not go 20 s without a byte;
 * a call is tried twice (one retry, after the SDK's short backoff), so a dead endpoint fails one
 * call in at most about 50 s and the command says so in one line. Clients with their own needs
 * (the load worker invoke, one attempt over minutes) set theirs.
 */
export const awsConnectionTimeoutMs = 5_000;
export const awsRequestTimeoutMs = 20_000;
export const awsMaxAttempts = 2;

/** Options for any `new XxxClient({...})`: spread first, so a client can still override one. */
export function awsClientLimits(): { maxAttempts: number; requestHandler: { connectionTimeout: number; requestTimeout: number; throwOnRequestTimeout: boolean } } {
  // throwOnRequestTimeout: without it this SDK only logs a warning when the timeout passes, and waits on.
  return { maxAttempts: awsMaxAttempts, requestHandler: { connectionTimeout: awsConnectionTimeoutMs, requestTimeout: awsRequestTimeoutMs, throwOnRequestTimeout: true } };
}
