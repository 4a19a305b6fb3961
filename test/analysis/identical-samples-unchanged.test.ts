// Identical samples on both sides: every row unchanged, the intervals straddle zero, and the
// same seed gives the same result twice (a check is reproducible).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareRuns } from '../../runner/analysis/compare.ts';
import { defaultThresholds } from '../../runner/analysis/thresholds.ts';
import { level, logNormalMs, run } from './constructed.ts';

test('identical samples are unchanged in every row, reproducibly under one seed', () => {
  const trials = [0, 1, 2].map((t) => logNormalMs(500, 80, 42 + t));
  const options = { thresholds: { ...defaultThresholds }, confidence: 0.95, iterations: 1000, seed: 7 };
  const first = compareRuns(run('a', [level(trials)]), run('b', [level(trials)]), options);
  assert.ok(first.rows.length >= 6);
  for (const row of first.rows) {
    assert.equal(row.status, 'unchanged', JSON.stringify(row));
    assert.equal(row.change, 0);
    assert.ok(row.interval && row.interval.low <= 0 && row.interval.high >= 0, JSON.stringify(row.interval));
  }
  const again = compareRuns(run('a', [level(trials)]), run('b', [level(trials)]), options);
  assert.deepEqual(again.rows, first.rows);
});
