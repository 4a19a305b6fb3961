// Runs and levels built from known latency samples, for the pure statistics tests.
import { createLatencyHistogram, encodeHistogram, recordLatencyMs, summarizeLatency } from '../../runner/load/latency-histogram.ts';
import type { MeasuredLevel, RunFile, TrialResult } from '../../runner/run/run-file.ts';
import { seededRng } from '../../runner/analysis/rng.ts';
import { planJsonFixture } from '../fixtures/plan-json.ts';

const window = { startMs: 0, endMs: 1000, start: '1970-01-01T00:00:00.000Z', end: '1970-01-01T00:00:01.000Z' };

/** Log-normal latencies around medianMs (sigma 0.3: a realistic right tail). */
export function logNormalMs(count: number, medianMs: number, seed: number): number[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, () => medianMs * Math.exp(0.3 * rng.normal()));
}

export function level(trials: number[][], extra: Partial<MeasuredLevel> = {}): MeasuredLevel {
  const all = createLatencyHistogram();
  const results: TrialResult[] = trials.map((samples, t) => {
    const h = createLatencyHistogram();
    for (const ms of samples) {
      recordLatencyMs(h, ms);
      recordLatencyMs(all, ms);
    }
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    return { trial: t + 1, window, requests: { ok: samples.length, throttled: 0, errors: 0 }, throughputRps: 16_000 / mean, latencyMs: summarizeLatency(h)!, histogram: encodeHistogram(h) };
  });
  const meanThroughput = results.reduce((a, r) => a + r.throughputRps, 0) / results.length;
  return {
    mode: 'lmi', variantId: 'lmi-c16-g2', settings: { memoryMb: 2048, maxConcurrency: 16, gibPerVcpu: 2 }, concurrency: 16, state: 'measured', window, trials: results,
    requests: { ok: trials.flat().length, throttled: 0, errors: 0 }, throughputRps: meanThroughput, latencyMs: summarizeLatency(all)!, histogram: encodeHistogram(all),
    coldStarts: 0, initDurationMs: null, environments: 3, cpuSecondsPerRequest: null, cloudwatch: null, ...extra,
  };
}

export function run(runId: string, levels: MeasuredLevel[]): RunFile {
  return {
    schemaVersion: 1, runId, status: 'complete', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', tool: { name: 'lmi-bench', version: '0' },
    machine: { hostname: 'h', platform: 'linux', arch: 'x64', cpuModel: 'c', cpus: 2, memoryGiB: 24, node: '20', python: null },
    workload: { name: 'io-bound', runtime: 'node', description: '', kind: 'io' }, target: 'local', plan: planJsonFixture(), levels, crossover: null, prices: null,
  };
}
