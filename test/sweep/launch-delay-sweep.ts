// The one-level LMI sweep of the launch-delay tests: one slot per environment, each environment
// filling a c7g.large, so the warm-up's load at concurrency 8 needs instances beyond the 3 base ones.
import { runSweep } from '../../runner/sweep/sweep.ts';
import { LocalTarget } from '../../runner/target/local/local-target.ts';
import { testPlan } from '../fixtures/test-plan.ts';
import type { Variant } from '../../runner/domain.ts';
import type { DeployedVariant } from '../../runner/target/target.ts';
import type { WindowStats } from '../../runner/engine/protocol.ts';

const variant: Variant = { id: 'lmi-c1-g2', mode: 'lmi', settings: { memoryMb: 4096, maxConcurrency: 1, gibPerVcpu: 2 } };

function plan(launchDelaySec: number) {
  return testPlan({
    modes: ['lmi'], concurrency: [8], durationSec: 1, warmupSec: 3, trials: 1, timeoutSec: 30, event: { delayMs: 200 },
    lmi: { memoryMb: 4096, maxConcurrency: [1], gibPerVcpu: [2], minEnvironments: 3, instanceType: 'c7g.large', maxVcpus: 400, instanceLaunchDelaySec: launchDelaySec },
  });
}

/** Runs the one-level sweep, keeping every window the sweep asked the target about with its stats. */
export async function sweep(launchDelaySec: number) {
  const sweepPlan = plan(launchDelaySec);
  const target = new LocalTarget(sweepPlan);
  const asked: Array<{ window: { startMs: number; endMs: number }; stats: WindowStats | null }> = [];
  const windowStats = target.windowStats.bind(target);
  target.windowStats = async (d: DeployedVariant, window: { startMs: number; endMs: number }) => {
    const stats = await windowStats(d, window);
    asked.push({ window: { ...window }, stats });
    return stats;
  };
  const phases = new Set<string>();
  const result = await runSweep(sweepPlan, target, [variant], {
    signal: new AbortController().signal,
    onProgress: (p) => phases.add(p.phase),
  });
  return { result, asked, phases };
}
