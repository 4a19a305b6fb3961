import { test } from 'node:test';
import assert from 'node:assert/strict';
import { peakOverlapPerSlice, stepSamples } from '../../runner/engine/cloudwatch/gauges.ts';

test('overlap is sampled per second as the peak within it; idle seconds give no sample', () => {
  const intervals = [
    { startMs: 100, endMs: 900 },
    { startMs: 200, endMs: 300 },
    { startMs: 300, endMs: 400 }, // starts as the previous ends: not overlapping it
    { startMs: 2500, endMs: 2600 },
    { startMs: -500, endMs: 150 }, // running when the window opens
  ];
  assert.deepEqual(peakOverlapPerSlice(intervals, 0, 4000), [2, 1]);
  assert.deepEqual(peakOverlapPerSlice([{ startMs: 10, endMs: 10 }], 0, 1000), [1], 'a zero-length invocation still ran');
});

test('a step function is sampled per second at its highest value in the second, from its first point on', () => {
  const points = [
    { atMs: 1500, value: 3 },
    { atMs: 3200, value: 5 },
    { atMs: 3300, value: 3 },
  ];
  // Second 0 has no point yet; 1: 3 (from 1.5 s); 2: 3; 3: peak 5; 4: 3; stops after untilMs.
  assert.deepEqual(stepSamples(points, 0, 10_000, 4000), [3, 3, 5, 3]);
});
