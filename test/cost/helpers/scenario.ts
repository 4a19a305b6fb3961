/** A baseline CostScenario for the economics tests: a 100 ms, 20 CPU-ms request. */
import type { CostScenario } from '../../../runner/cost/scenario.ts';

export function baselineScenario(): CostScenario {
  return {
    lambda: { meanDurationMs: 100, memoryMb: 1024, architecture: 'x86_64', freeTier: false },
    lmi: {
      instanceTypes: ['m7g.xlarge'],
      discount: 0,
      capacity: { cpuSecondsPerRequest: 0.02, meanDurationMs: 100, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, minEnvironments: 3, minInstances: 3 },
    },
  };
}
