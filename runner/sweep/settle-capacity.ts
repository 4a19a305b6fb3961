/**
 * After a level's warm-up, before its trials: on LMI an environment the scaler asked for that
 * needs a new instance waits for the instance's launch (minutes on AWS), then its INIT. Trials
 * started meanwhile would measure the scale-out (throttles until the instances arrive), not the
 * level's steady state, so the sweep waits until the target's capacity timeline shows nothing
 * launching. The wait is bounded by the plan's launch delay plus an INIT margin, said on the
 * progress line while it lasts, and kept in run.json (warmup.capacityWaitMs).
 */
import type { DeployedVariant, Target } from '../target/target.ts';
import type { CapacityPoint } from '../run/run-file.ts';
import { untilAborted } from './abortable.ts';
import { sleep } from '../system/sleep.ts';

export interface SettleContext {
  target: Target;
  deployed: DeployedVariant;
  /** The plan's emulated instance launch delay; 0 or absent: instances start at once. */
  launchDelaySec: number;
  signal: AbortSignal;
  /** Each poll while waiting: environments still waiting for a new instance. */
  onWait?: (waitingFor: number) => void;
}

/** Beyond the launch itself: the INITs of the environments placed on the new instances. */
const initMarginMs = 30_000;
/** The trials start soon after the last environment is placed, not up to a coarse poll later. */
const pollMs = 50;

/** Environments waiting for an instance at the timeline's latest point (0 for a target without one). */
export function awaitingInstance(timeline: readonly CapacityPoint[]): number {
  const latest = timeline.at(-1);
  return latest ? Math.max(latest.environmentsAwaitingInstance ?? 0, latest.instancesLaunching ?? 0) : 0;
}

/**
 * Waits until no environment awaits an instance; resolves with the time waited (ms), 0 when
 * nothing was launching. A target without window stats (AWS) has no timeline: nothing to wait for.
 */
export async function settleCapacity(sinceMs: number, context: SettleContext): Promise<number> {
  const { target, deployed, signal } = context;
  if (deployed.variant.mode !== 'lmi' || !(context.launchDelaySec > 0)) return 0;
  const startMs = Date.now();
  const deadlineMs = startMs + context.launchDelaySec * 1000 + initMarginMs;
  while (Date.now() < deadlineMs) {
    const stats = await untilAborted(target.windowStats(deployed, { startMs: sinceMs, endMs: Date.now() + 1 }), signal);
    const waiting = stats === null ? 0 : awaitingInstance(stats.timeline);
    if (waiting === 0) return Date.now() - startMs;
    context.onWait?.(waiting);
    await sleep(pollMs, signal);
  }
  return Date.now() - startMs;
}
