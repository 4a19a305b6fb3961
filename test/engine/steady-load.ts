/**
 * Shared by the engine tests that compare the LMI scaler with the sizing model: a closed loop
 * of io-bound requests, and the model's environment count for what a window measured.
 */
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import type { WindowStats } from '../../runner/engine/protocol.ts';
import { instanceShape } from '../../runner/pricing/instance-types.ts';
import { send, sleep } from './support.ts';

export interface LoopOutcome {
  statuses: number[];
  /** Latencies of the 200 answers. */
  latenciesMs: number[];
}

/**
 * Closed loop: `workers` io-bound requests always in flight until `untilMs` (or until `stopped`
 * says so); a non-200 waits 50 ms before the next.
 */
export async function ioBoundClosedLoop(url: string, workers: number, untilMs: number, stopped: () => boolean = () => false): Promise<LoopOutcome> {
  const outcome: LoopOutcome = { statuses: [], latenciesMs: [] };
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < untilMs && !stopped()) {
        const started = performance.now();
        const reply = await send(url, { delaysMs: [150, 200, 100] });
        outcome.statuses.push(reply.status);
        if (reply.status === 200) outcome.latenciesMs.push(performance.now() - started);
        else await sleep(50);
      }
    }),
  );
  return outcome;
}

/**
 * The closed loop of ioBoundClosedLoop until `reached` (polled every 50 ms) says what the loop
 * waits for has happened, and at most `maxMs`: a fixed phase that only waits for the scaler ends
 * when the scaler has acted instead of at a length chosen for a slow machine.
 */
export async function ioBoundClosedLoopUntil(url: string, workers: number, maxMs: number, reached: () => Promise<boolean>): Promise<LoopOutcome> {
  const untilMs = Date.now() + maxMs;
  let done = false;
  const watch = (async (): Promise<void> => {
    while (!done && Date.now() < untilMs) {
      if (await reached()) done = true;
      else await sleep(50);
    }
  })();
  const outcome = await ioBoundClosedLoop(url, workers, untilMs, () => done);
  done = true;
  await watch;
  return outcome;
}

/**
 * A `reached` for ioBoundClosedLoopUntil: the function's environments are all ready and their
 * count has not changed for `holdMs`. Held past the scale-in delay plus a scaler tick, no
 * surplus is pending either: a surplus that lasted the delay would have been removed.
 */
export function countHeld(count: () => Promise<{ environments: number; allReady: boolean }>, holdMs: number): () => Promise<boolean> {
  let last = -1;
  let sinceMs = Date.now();
  return async () => {
    const now = await count();
    if (!now.allReady || now.environments !== last) {
      last = now.allReady ? now.environments : -1;
      sinceMs = Date.now();
      return false;
    }
    return Date.now() - sinceMs >= holdMs;
  };
}

/** The sizing model's count for a measured window: its rate, CPU per request and mean duration, on m7g.xlarge. */
export function modelledEnvironments(
  stats: WindowStats,
  window: { startMs: number; endMs: number; latenciesMs: number[] },
  settings: { maxConcurrency: number; targetCpuPercent: number },
): { environments: number; rate: number; meanDurationMs: number; concurrentInvocations: number; binding: string } {
  const rate = stats.ok / ((window.endMs - window.startMs) / 1000);
  const meanDurationMs = window.latenciesMs.reduce((a, b) => a + b, 0) / window.latenciesMs.length;
  const shape = instanceShape('m7g.xlarge');
  const model = sizeLmiCapacity({
    requestsPerSecond: rate,
    cpuSecondsPerRequest: stats.cpuSeconds / stats.ok,
    meanDurationMs,
    maxConcurrency: settings.maxConcurrency,
    memoryMb: 2048,
    gibPerVcpu: 2,
    target: { mode: 'manual', cpuPercent: settings.targetCpuPercent },
    candidates: [{ instanceType: shape.instanceType, vcpus: shape.vcpus, memoryGiB: shape.memoryGiB, usdPerHour: 1 }],
  });
  return { environments: model.environments, rate, meanDurationMs, concurrentInvocations: model.concurrentInvocations, binding: String(model.binding) };
}
