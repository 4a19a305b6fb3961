// On constructed log-normal samples whose true medians differ by a known factor, the 95%
// interval of the p50 change covers the true change in most repetitions (it is a 95%
// interval: we ask for at least 80 of 100 on this small number of repetitions), and excludes
// zero for a 20% shift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../runner/analysis/compare.ts';
import { defaultThresholds } from '../../runner/analysis/thresholds.ts';
import { level, logNormalMs, run } from './constructed.ts';

const options = (seed: number) => ({ thresholds: { ...defaultThresholds }, confidence: 0.95, iterations: 400, seed });

test('the p50 interval covers the true +20% change and calls it a significant regression', () => {
  let covered = 0;
  let regressed = 0;
  const repetitions = 40;
  for (let r = 0; r < repetitions; r += 1) {
    const seed = 1000 + r * 7;
    const baseline = run('a', [level([0, 1, 2].map((t) => logNormalMs(600, 100, seed + t)))]);
    const candidate = run('b', [level([0, 1, 2].map((t) => logNormalMs(600, 120, seed + 100 + t)))]);
    const row = compareRuns(baseline, candidate, options(r)).rows.find((x) => x.metric === 'p50');
    assert.ok(row?.interval);
    if (row.interval.low <= 0.2 && 0.2 <= row.interval.high) covered += 1;
    if (row.status === 'regressed') regressed += 1;
  }
  assert.ok(covered >= 0.8 * repetitions, `covered ${covered} of ${repetitions}`);
  assert.ok(regressed >= 0.9 * repetitions, `regressed ${regressed} of ${repetitions}`);
});
