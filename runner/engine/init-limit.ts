/**
 * How long an environment's init may run before it fails, as AWS bounds it:
 * - standard Lambda: the Init phase is limited to 10 s; past it, Lambda retries init inside the
 *   first invocation, within the function's timeout (a "suppressed init"). Locally the two
 *   attempts are one wait of 10 s + the function timeout, and a handler that is still
 *   initialising then fails as Lambda's INIT_REPORT says it: Status: timeout.
 * - Lambda Managed Instances: init may take up to 15 minutes: the longer of 130 s and the
 *   function's timeout (at most 900 s).
 * LMI_BENCH_INIT_LIMIT_MS (a positive integer, ms) sets a shorter local deadline for both; it is
 * stated in the error, so a result never hides that it was not AWS's limit.
 */
import { UsageError } from '../errors.ts';
import type { ComputeSpec } from './protocol.ts';

type ComputeType = ComputeSpec['type'];

export const initLimitVariable = 'LMI_BENCH_INIT_LIMIT_MS';

export interface InitLimit {
  limitMs: number;
  /** Completes "init did not finish within …". */
  rule: string;
}

const awsLimits: Record<ComputeType, (timeoutMs: number) => InitLimit> = {
  lambda: (timeoutMs) => ({
    limitMs: 10_000 + timeoutMs,
    rule: `Lambda's 10 s init limit and its retry within the function timeout (${seconds(timeoutMs)} s)`,
  }),
  lmi: (timeoutMs) => ({
    limitMs: Math.max(130_000, timeoutMs),
    rule: `Lambda Managed Instances' init limit, the longer of 130 s and the function timeout (${seconds(timeoutMs)} s)`,
  }),
};

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** AWS's limit, or the shorter local one `override` (the variable's raw value) sets. */
export function initLimit(computeType: ComputeType, timeoutMs: number, override: string | undefined): InitLimit {
  const aws = awsLimits[computeType](timeoutMs);
  if (override === undefined || override === '') return aws;
  const limitMs = Number(override);
  if (!Number.isSafeInteger(limitMs) || limitMs <= 0) throw new UsageError(`${initLimitVariable} must be a positive whole number of milliseconds, got '${override}'`);
  if (limitMs >= aws.limitMs) return aws;
  return { limitMs, rule: `the local init deadline of ${seconds(limitMs)} s (${initLimitVariable}; AWS allows ${seconds(aws.limitMs)} s)` };
}

/** The InitError message of an init that ran past its limit. */
export function initTimeoutMessage(limit: InitLimit): string {
  return `init did not finish within ${limit.rule}: Status: timeout, as Lambda's INIT_REPORT says it (an endless loop at the module's top level?)`;
}
