/**
 * How long an environment's init may run before it fails, as AWS bounds it:
 * - standard Lambda: the Init phase is limited to 10 s; past it, Lambda retries init at the
 *   first invocation, within the function's timeout (a "suppressed init": the retry runs inside
 *   the invocation, and the handler has what is left of the timeout). `retry` is that second
 *   bound; cold-start.ts runs the two attempts. A handler still initialising then fails with
 *   INIT_REPORT's Status: timeout (Phase: invoke).
 * - Lambda Managed Instances: init may take up to 15 minutes: the longer of 130 s and the
 *   function's timeout (at most 900 s). No retry.
 * LMI_BENCH_INIT_LIMIT_MS (a positive integer, ms) sets a shorter local deadline for every
 * attempt; it is stated in the error, so a result never hides that it was not AWS's limit.
 */
import { UsageError } from '../errors.ts';
import type { ComputeSpec } from './protocol.ts';

type ComputeType = ComputeSpec['type'];

export const initLimitVariable = 'LMI_BENCH_INIT_LIMIT_MS';

export interface InitLimit {
  limitMs: number;
  /** Completes "init did not finish within …". */
  rule: string;
  /** Standard Lambda: the second attempt, inside the first invocation, after this one timed out. */
  retry?: InitLimit;
}

/** Lambda's Init phase limit on standard (on-demand) functions. */
export const standardInitLimitMs = 10_000;

const awsLimits: Record<ComputeType, (timeoutMs: number) => InitLimit> = {
  lambda: (timeoutMs) => ({
    limitMs: standardInitLimitMs,
    rule: "Lambda's 10 s init limit",
    retry: { limitMs: timeoutMs, rule: `the function timeout (${seconds(timeoutMs)} s)` },
  }),
  lmi: (timeoutMs) => ({
    limitMs: Math.max(130_000, timeoutMs),
    rule: `Lambda Managed Instances' init limit, the longer of 130 s and the function timeout (${seconds(timeoutMs)} s)`,
  }),
};

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** `aws`, or the shorter local deadline `localMs`, for this attempt and its retry. */
function withLocalDeadline(aws: InitLimit, localMs: number): InitLimit {
  const limit = localMs >= aws.limitMs ? { limitMs: aws.limitMs, rule: aws.rule } : { limitMs: localMs, rule: `the local init deadline of ${seconds(localMs)} s (${initLimitVariable}; AWS allows ${seconds(aws.limitMs)} s)` };
  return aws.retry ? { ...limit, retry: withLocalDeadline(aws.retry, localMs) } : limit;
}

/** AWS's limit, or the shorter local one `override` (the variable's raw value) sets. */
export function initLimit(computeType: ComputeType, timeoutMs: number, override: string | undefined): InitLimit {
  const aws = awsLimits[computeType](timeoutMs);
  if (override === undefined || override === '') return aws;
  const limitMs = Number(override);
  if (!Number.isSafeInteger(limitMs) || limitMs <= 0) throw new UsageError(`${initLimitVariable} must be a positive whole number of milliseconds, got '${override}'`);
  return withLocalDeadline(aws, limitMs);
}

/** The InitError message of an init that ran past its limit (and, on standard Lambda, past its retry's). */
export function initTimeoutMessage(limit: InitLimit): string {
  const retried = limit.retry ? `, nor in its retry inside the invocation within ${limit.retry.rule}` : '';
  const phase = limit.retry ? ' (Phase: invoke)' : '';
  return `init did not finish within ${limit.rule}${retried}: Status: timeout${phase}, as Lambda's INIT_REPORT says it (an endless loop at the module's top level?)`;
}
