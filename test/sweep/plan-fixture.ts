// A small BenchPlan for sweep tests (the PLAN worker's parser is tested on its own).
import { resolve } from 'node:path';
import type { BenchPlan, Variant } from '../../runner/plan/plan.ts';
import { loadWorkload } from '../../runner/workload/load.ts';

export function testPlan(overrides: Partial<BenchPlan> = {}): BenchPlan {
  return {
    runId: 'test-run',
    workload: loadWorkload(resolve('test/fixtures/workloads/fixed-delay')),
    runtime: 'node',
    target: 'local',
    modes: ['lambda', 'lmi'],
    concurrency: [1, 4],
    durationSec: 0.5,
    warmupSec: 0.2,
    trials: 2,
    event: { delayMs: 20 },
    timeoutSec: 10,
    lambda: { memoryMb: 512, architecture: 'arm64', concurrencyLimit: 1000, idleTimeoutSec: 300 },
    lmi: { memoryMb: 2048, maxConcurrency: [8], gibPerVcpu: [2], minEnvironments: 3, instanceType: 'm7g.xlarge', maxVcpus: 400 },
    region: 'us-east-1',
    pricing: { offline: true, discount: 0, freeTier: false },
    outDir: resolve('results/test-run'),
    ...overrides,
  };
}

export const lambdaVariant: Variant = { id: 'lambda-m512', mode: 'lambda', settings: { memoryMb: 512 } };
export const lmiVariant: Variant = { id: 'lmi-c8-g2', mode: 'lmi', settings: { memoryMb: 2048, maxConcurrency: 8, gibPerVcpu: 2 } };
