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

/**
 * How long CloudWatch keeps data of a period: under 60 s for 3 hours, 1 minute for 15 days,
 * 5 minutes for 63 days, 1 hour for 455 days. Older periods of a query return no datapoints.
 */
export function retentionMs(periodSec: number): number {
  if (periodSec < 60) return 3 * 3_600_000;
  if (periodSec % 3600 === 0) return 455 * dayMs;
  if (periodSec % 300 === 0) return 63 * dayMs;
  return 15 * dayMs;
}

/**
 * The periods of [startMs, endMs), aligned as CloudWatch aligns them; `fromMs` skips (without
 * building them) the periods that end at or before it, where no data can be.
 */
export function buckets(startMs: number, endMs: number, periodSec: number, nowMs: number, fromMs = -Infinity): Bucket[] {
  const granularityMs = roundingMs(periodSec, startMs, nowMs);
  const first = Math.floor(startMs / granularityMs) * granularityMs;
  const last = Math.ceil(endMs / granularityMs) * granularityMs;
  const periodMs = periodSec * 1000;
  const skip = fromMs > first ? Math.max(0, Math.floor((fromMs - first) / periodMs)) : 0;
  const out: Bucket[] = [];
  for (let at = first + skip * periodMs; at < endMs; at += periodMs) out.push({ startMs: at, endMs: Math.min(at + periodMs, last) });
  return out;
}

/** How many periods buckets() would return. */
export function bucketCount(startMs: number, endMs: number, periodSec: number, nowMs: number, fromMs = -Infinity): number {
  const granularityMs = roundingMs(periodSec, startMs, nowMs);
  const first = Math.floor(startMs / granularityMs) * granularityMs;
  const periodMs = periodSec * 1000;
  const skip = fromMs > first ? Math.max(0, Math.floor((fromMs - first) / periodMs)) : 0;
  return Math.max(0, Math.ceil((endMs - first) / periodMs) - skip);
}
