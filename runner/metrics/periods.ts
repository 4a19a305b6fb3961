/**
 * CloudWatch's rules for a metric period, owned here and read by the metrics pull and by the
 * local engine's GetMetricData (which must refuse what CloudWatch refuses). Imports nothing.
 */

/** CloudWatch accepts high-resolution periods of 1, 5, 10, 20 and 30 s and any multiple of 60. */
export function isValidPeriod(periodSec: number): boolean {
  return Number.isInteger(periodSec) && periodSec > 0 && ([1, 5, 10, 20, 30].includes(periodSec) || periodSec % 60 === 0);
}
