// The end-of-run table: one aligned row per level with rate, percentiles, counts,
// environments, cold starts (with the warm-up's in brackets) and cost; a failed level shows its reason; unmeasured fields show '?'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSummaryTable } from '../../runner/sweep/summary-table.ts';
import type { LevelResult, MeasuredLevel } from '../../runner/run/run-file.ts';

const window = { startMs: 0, endMs: 10_000, start: '1970-01-01T00:00:00.000Z', end: '1970-01-01T00:00:10.000Z' };
const measured: MeasuredLevel = {
  mode: 'lmi', variantId: 'lmi-c64-g2', settings: { memoryMb: 2048, maxConcurrency: 64, gibPerVcpu: 2 }, concurrency: 32, state: 'measured',
  window, trials: [], requests: { ok: 1536, throttled: 2, errors: 1 }, throughputRps: 152.64,
  latencyMs: { p50: 202.94, p90: 210, p95: 222.8, p99: 280.3, max: 300, mean: 205, min: 200.1, stddev: 3 },
  histogram: { unit: 'us', encoding: 'hdr-compressed-base64', data: '' },
  coldStarts: 0, initDurationMs: null, warmup: { requests: { ok: 300, throttled: 0, errors: 0 }, coldStarts: 4, initDurationMs: { count: 4, mean: 30, max: 41 } }, environments: 3, cpuSecondsPerRequest: 0.0003, cloudwatch: null,
  cost: { usdPerMillionRequests: 1.2249, usdPerHour: 0.67 },
};
const failed: LevelResult = { mode: 'lambda', variantId: 'lambda-m512', settings: { memoryMb: 512 }, concurrency: 64, state: 'failed', reason: 'trial 1: no successful response' };

test('rows carry the measured figures and failed levels their reason', () => {
  const lines = formatSummaryTable([measured, { ...measured, mode: 'lambda', settings: { memoryMb: 512 }, unmeasured: ['coldStarts', 'environments'], cost: undefined }, failed]).split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0] ?? '', /^mode\s+settings\s+conc\s+rps\s+p50 ms\s+p95 ms\s+p99 ms\s+ok\s+429\s+errors\s+envs\s+cold \(warm-up\)\s+\$\/M req$/);
  assert.match(lines[1] ?? '', /^lmi\s+2048 MB, max 64, 2 GiB\/vCPU\s+32\s+152\.6\s+202\.9\s+222\.8\s+280\.3\s+1536\s+2\s+1\s+3\s+0 \(4\)\s+1\.22$/);
  assert.match(lines[2] ?? '', /\s1\s+\?\s+\?\s+-$/);
  assert.match(lines[3] ?? '', /^lambda\s+512 MB\s+64\s+failed: trial 1: no successful response$/);
  // Columns line up: every full row is as wide as the header.
  assert.equal(lines[1]?.length, lines[0]?.length);
});
