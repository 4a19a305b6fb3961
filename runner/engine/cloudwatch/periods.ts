/**
 * How GetMetricData cuts [StartTime, EndTime) into periods. CloudWatch rounds StartTime down
 * by the age of the data (under 15 days: to the whole minute; 15 to 63 days: to 5 minutes;
 * older: to the hour), then steps by Period. Standard-resolution data is stored per minute, so
 * the last period reaches to EndTime rounded up to that same granularity. High-resolution
 * periods (under 60 s) round to the period itself; the engine keeps every record, so it can
 * serve them for its own functions.
 */
export interface Bucket {
  /** Timestamp CloudWatch reports for the period: its start, epoch ms. */
  startMs: number;
  /** Exclusive end of the data the period covers. */
  endMs: number;
}

const minuteMs = 60_000;
const dayMs = 86_400_000;

export function roundingMs(periodSec: number, startMs: number, nowMs: number): number {
  if (periodSec < 60) return periodSec * 1000;
  const ageMs = nowMs - startMs;
  if (ageMs < 15 * dayMs) return minuteMs;
  if (ageMs < 63 * dayMs) return 5 * minuteMs;
  return 60 * minuteMs;
}

export function buckets(startMs: number, endMs: number, periodSec: number, nowMs: number): Bucket[] {
  const granularityMs = roundingMs(periodSec, startMs, nowMs);
  const first = Math.floor(startMs / granularityMs) * granularityMs;
  const last = Math.ceil(endMs / granularityMs) * granularityMs;
  const periodMs = periodSec * 1000;
  const out: Bucket[] = [];
  for (let at = first; at < endMs; at += periodMs) out.push({ startMs: at, endMs: Math.min(at + periodMs, last) });
  return out;
}
