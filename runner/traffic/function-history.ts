/**
 * A traffic profile recorded by CloudWatch: the per-minute Invocations of a real function
 * (`cost crossover --from-function NAME`), read with the metrics pull's GetMetricData code, so
 * it works against AWS and against the local engine's CloudWatch endpoint alike.
 */
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import { UsageError } from '../errors.ts';
import type { TrafficProfile } from '../domain.ts';
import { errorMessage, firstLine } from '../system/error-message.ts';

export interface InvocationHistoryOptions {
  functionName: string;
  region: string;
  /** Days back from now; CloudWatch keeps 1-minute data for 15 days. */
  days: number;
  endpoint?: string;
  credentials?: AwsCredentialIdentity;
  nowMs?: number;
}

export const maxHistoryDays = 15;
const minuteMs = 60_000;

export async function invocationHistory(options: InvocationHistoryOptions): Promise<TrafficProfile> {
  const profile = await readInvocationHistory(options);
  if (profile === null) {
    throw new UsageError(`CloudWatch has no Invocations for function '${options.functionName}' in the last ${options.days} day(s) (${options.region}): check the name and region`);
  }
  return profile;
}

/** The function's per-minute Invocations as a profile; null when CloudWatch has none in the window. */
export async function readInvocationHistory(options: InvocationHistoryOptions): Promise<TrafficProfile | null> {
  if (!/^[A-Za-z0-9_-]{1,140}$/.test(options.functionName)) throw new UsageError(`'${options.functionName}' is not a Lambda function name`);
  if (!Number.isInteger(options.days) || options.days < 1 || options.days > maxHistoryDays) {
    throw new UsageError(`--days must be a whole number from 1 to ${maxHistoryDays} (CloudWatch keeps 1-minute data for 15 days), got ${options.days}`);
  }
  // Whole minutes only: the minute in progress would count as a quiet one.
  const endMs = Math.floor((options.nowMs ?? Date.now()) / minuteMs) * minuteMs;
  const startMs = endMs - options.days * 24 * 60 * minuteMs;
  // Loaded here, not at start: the CloudWatch SDK costs every advise what-if ~0.1 s of CPU it never uses.
  const { pullInvocationHistory } = await import('../metrics/pull.ts');
  let history: Array<{ atMs: number; invocations: number }>;
  try {
    history = await pullInvocationHistory(
      { region: options.region, ...(options.endpoint ? { endpoint: options.endpoint } : {}), functionDimensions: { FunctionName: options.functionName }, periodSec: 60 },
      options.functionName,
      startMs,
      endMs,
      60,
      options.credentials ? { credentials: options.credentials } : {},
    );
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const message = firstLine(errorMessage(error));
    throw new UsageError(`CloudWatch GetMetricData for ${options.functionName} failed: ${message}`);
  }

  const minuteRequests = new Array<number>((endMs - startMs) / minuteMs).fill(0);
  let firstMinute = Number.POSITIVE_INFINITY;
  for (const { atMs, invocations } of history) {
    const minute = Math.floor((atMs - startMs) / minuteMs);
    if (minute < 0 || minute >= minuteRequests.length) continue;
    // Periods with no invocations are absent from CloudWatch's answer: they stay 0.
    minuteRequests[minute] = (minuteRequests[minute] ?? 0) + invocations;
    firstMinute = Math.min(firstMinute, minute);
  }
  if (firstMinute === Number.POSITIVE_INFINITY) return null;
  // Minutes before the first datapoint are dropped: the function may not have existed yet, and
  // counting them as idle would understate its traffic.
  const seen = minuteRequests.slice(firstMinute);
  return { name: `function:${options.functionName} (last ${options.days} d)`, minuteRequests: seen, history: { minutesSeen: seen.length, minutesAsked: minuteRequests.length } };
}
