/**
 * The CloudWatch window of a level: [startMs, endMs) widened to whole periods of the metrics'
 * publication granularity, queried as ONE period spanning it, so that percentiles and maxima
 * are those of the whole window (per-period percentiles cannot be combined). Lambda metrics are
 * standard resolution, so the granularity is at least one minute; a multiple of 60 s is always
 * a valid CloudWatch period and CloudWatch's own StartTime rounding then leaves it unchanged.
 */
import { UsageError } from '../errors.ts';

export interface MetricsWindow {
  startMs: number;
  endMs: number;
  /** One period covering the whole window. */
  periodSec: number;
}

export function metricsWindow(window: { startMs: number; endMs: number }, publishPeriodSec: number): MetricsWindow {
  if (!Number.isFinite(window.startMs) || !Number.isFinite(window.endMs) || window.endMs <= window.startMs) {
    throw new UsageError(`metrics window is empty or invalid: ${window.startMs}..${window.endMs}`);
  }
  if (!Number.isInteger(publishPeriodSec) || publishPeriodSec <= 0) throw new UsageError(`metrics period must be a positive whole number of seconds, got ${publishPeriodSec}`);
  const granularitySec = publishPeriodSec % 60 === 0 ? publishPeriodSec : 60 * Math.ceil(publishPeriodSec / 60);
  const g = granularitySec * 1000;
  const startMs = Math.floor(window.startMs / g) * g;
  const endMs = Math.ceil(window.endMs / g) * g;
  return { startMs, endMs, periodSec: (endMs - startMs) / 1000 };
}
