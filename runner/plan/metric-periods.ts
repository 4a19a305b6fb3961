/**
 * CloudWatch publication periods on AWS, and the level length that guarantees whole periods
 * wherever a level starts. Planning facts shared by the AWS plan check and the wall-time
 * estimate (a leaf: imports nothing).
 *
 * CloudWatch publishes LMI metrics in 5-minute periods (standard Lambda: 1 minute), and a
 * level's start time is not aligned to period boundaries, so a level of L seconds is only sure
 * to contain floor(L / P) − 1 whole periods.
 */
export const lmiMetricPeriodSec = 300;
export const lambdaMetricPeriodSec = 60;

/** The level duration that guarantees `wholePeriods` complete periods of `periodSec` wherever the level starts. */
export function durationCoveringPeriods(requestedSec: number, periodSec: number): { durationSec: number; wholePeriods: number } {
  const wholePeriods = Math.max(1, Math.ceil(requestedSec / periodSec));
  return { durationSec: (wholePeriods + 1) * periodSec, wholePeriods };
}
