// Trials that disagree with each other (one trial 30% slower, as when another process takes
// the cores) widen the interval: a 10% median shift that is significant with consistent
// trials is not with inconsistent ones, so the gate does not trust a single noisy trial.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../runner/analysis/compare.ts';
import { defaultThresholds } from '../../runner/analysis/thresholds.ts';
import { level, logNormalMs, run } from './constructed.ts';

test('noise between trials widens the p50 interval beyond what the requests alone give', () => {
  const options = { thresholds: { ...defaultThresholds }, confidence: 0.95, iterations: 1000, seed: 3 };
  const baseline = run('a', [level([0, 1, 2].map((t) => logNormalMs(800, 100, 10 + t)))]);
  const steady = run('b', [level([0, 1, 2].map((t) => logNormalMs(800, 112, 20 + t)))]);
  const noisy = run('c', [level([logNormalMs(800, 95, 30), logNormalMs(800, 105, 31), logNormalMs(800, 140, 32)])]);
  const width = (r: ReturnType<typeof compareRuns>): number => {
    const row = r.rows.find((x) => x.metric === 'p50');
    assert.ok(row?.interval);
    return row.interval.high - row.interval.low;
  };
  const steadyResult = compareRuns(baseline, steady, options);
  const noisyResult = compareRuns(baseline, noisy, options);
  assert.ok(width(noisyResult) > 2 * width(steadyResult), `noisy ${width(noisyResult)} vs steady ${width(steadyResult)}`);
  assert.equal(steadyResult.rows.find((x) => x.metric === 'p50')?.significant, true);
});
