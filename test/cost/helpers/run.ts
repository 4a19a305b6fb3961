/** A RunFile shaped like a finished local io-bound run, with the measured fields the cost model reads. */
import type { MeasuredLevel, RunFile } from '../../../runner/run/run-file.ts';
import { planJsonFixture } from '../../fixtures/plan-json.ts';

const window = { startMs: 1_750_000_000_000, endMs: 1_750_000_010_000, start: '2025-06-15T15:06:40.000Z', end: '2025-06-15T15:06:50.000Z' };
const histogram = { unit: 'us' as const, encoding: 'hdr-compressed-base64' as const, data: '' };

export function measuredLevel(fields: {
  mode: 'lambda' | 'lmi';
  variantId: string;
  concurrency: number;
  ok: number;
  throttled?: number;
  throughputRps: number;
  durationMs: number | null;
  latencyMeanMs: number;
  cpuSecondsPerRequest: number | null;
  settings: MeasuredLevel['settings'];
}): MeasuredLevel {
  const latencyMs = { p50: fields.latencyMeanMs, p90: fields.latencyMeanMs, p95: fields.latencyMeanMs, p99: fields.latencyMeanMs, max: fields.latencyMeanMs, mean: fields.latencyMeanMs, min: fields.latencyMeanMs, stddev: 0 };
  return {
    mode: fields.mode,
    variantId: fields.variantId,
    settings: fields.settings,
    concurrency: fields.concurrency,
    state: 'measured',
    window,
    trials: [],
    requests: { ok: fields.ok, throttled: fields.throttled ?? 0, errors: 0 },
    throughputRps: fields.throughputRps,
    latencyMs,
    histogram,
    coldStarts: 0,
    initDurationMs: null,
    environments: 3,
    cpuSecondsPerRequest: fields.cpuSecondsPerRequest,
    cloudwatch:
      fields.durationMs === null
        ? null
        : { invocations: fields.ok, errors: 0, throttles: 0, durationMs: { average: fields.durationMs, maximum: fields.durationMs, p50: fields.durationMs, p90: fields.durationMs, p99: fields.durationMs }, concurrentExecutionsMax: fields.concurrency },
  };
}

export function sampleRun(): RunFile {
  const lambdaSettings = { memoryMb: 1024 };
  const lmiSettings = { memoryMb: 2048, maxConcurrency: 64, gibPerVcpu: 2 };
  return {
    schemaVersion: 1,
    runId: '20250615-150640-io-bound',
    status: 'complete',
    startedAt: window.start,
    finishedAt: window.end,
    tool: { name: 'lmi-bench', version: '0.1.0' },
    machine: { hostname: 'test', platform: 'linux', arch: 'x64', cpuModel: 'test', cpus: 2, memoryGiB: 24, node: 'v20.20.2', python: null },
    workload: { name: 'io-bound', runtime: 'node', description: 'waits on I/O', kind: 'io' },
    target: 'local',
    plan: planJsonFixture({
      region: 'us-east-1',
      lambda: { memoryMb: 1024, architecture: 'x86_64', concurrencyLimit: 1000, idleTimeoutSec: 300 },
      lmi: { memoryMb: 2048, maxConcurrency: [64], gibPerVcpu: [2], instanceType: 'm7g.xlarge', minEnvironments: 3, maxVcpus: 400 },
      pricing: { offline: true, lmiDiscount: 0, freeTier: false },
    }),
    levels: [
      measuredLevel({ mode: 'lambda', variantId: 'lambda-m1024', concurrency: 1, ok: 180, throughputRps: 18, durationMs: 52, latencyMeanMs: 54, cpuSecondsPerRequest: 0.0008, settings: lambdaSettings }),
      measuredLevel({ mode: 'lambda', variantId: 'lambda-m1024', concurrency: 32, ok: 5600, throughputRps: 560, durationMs: 55, latencyMeanMs: 57, cpuSecondsPerRequest: 0.0009, settings: lambdaSettings }),
      measuredLevel({ mode: 'lambda', variantId: 'lambda-m1024', concurrency: 64, ok: 9000, throttled: 900, throughputRps: 900, durationMs: 60, latencyMeanMs: 70, cpuSecondsPerRequest: 0.001, settings: lambdaSettings }),
      measuredLevel({ mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 1, ok: 185, throughputRps: 18.5, durationMs: 51, latencyMeanMs: 53, cpuSecondsPerRequest: 0.0007, settings: lmiSettings }),
      measuredLevel({ mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 32, ok: 5800, throughputRps: 580, durationMs: 53, latencyMeanMs: 55, cpuSecondsPerRequest: 0.0008, settings: lmiSettings }),
      { mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 64, settings: lmiSettings, state: 'failed', reason: 'engine stopped' },
    ],
    crossover: null,
    prices: null,
  };
}
