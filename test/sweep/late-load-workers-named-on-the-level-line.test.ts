/**
 * A level's line says when a load worker started its trials late by enough to lower the level's
 * rate (its window spans every worker's), and says nothing when the delay is a small share.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLevelLine } from '../../runner/sweep/progress.ts';
import type { MeasuredLevel, WorkerLoadRecord } from '../../runner/run/run-file.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

const base = buildRunFixture({ modes: ['lmi'], concurrency: [8], trials: 2, samplesPerTrial: 50, withCosts: false }).levels[0] as MeasuredLevel;

function withWorkers(lateStartMs: Array<number | undefined>): MeasuredLevel {
  const workers: WorkerLoadRecord[] = lateStartMs.map((late, worker) => ({
    worker,
    requests: { ok: 10, throttled: 0, errors: 0 },
    window: null,
    invokedMs: 1000,
    invocations: 2,
    ...(late === undefined ? {} : { lateStartMs: late }),
  }));
  return { ...base, load: { mode: 'workers', workers } };
}

const trialMs = Math.min(...base.trials.map((t) => t.window.endMs - t.window.startMs));

test('a worker late by 4% of a trial is named with its delay and share', () => {
  const lateMs = Math.round(trialMs * 0.04);
  const line = formatLevelLine(withWorkers([0, lateMs]), 1, 1);
  assert.ok(line.endsWith(`(a load worker started up to ${lateMs} ms late, 4% of a trial: the rate may read up to that much low)`), line);
});

test('workers on time, late by under 1% of a trial, or from a run that kept no delay: nothing added', () => {
  const plain = formatLevelLine(base, 1, 1);
  assert.ok(plain.endsWith('errors'), plain);
  assert.equal(formatLevelLine(withWorkers([0, 0]), 1, 1), plain);
  assert.equal(formatLevelLine(withWorkers([Math.floor(trialMs * 0.005), 0]), 1, 1), plain);
  assert.equal(formatLevelLine(withWorkers([undefined, undefined]), 1, 1), plain);
});
