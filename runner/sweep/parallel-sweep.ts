/**
 * Variants side by side: every variant is deployed first, then level k of every variant runs
 * in the same window, each variant with its own load (its own workers). The variants are
 * separate functions, so they do not share capacity; what they share is the wall clock, and
 * on AWS a 5-minute CloudWatch period then serves all of them.
 *
 * On AWS each level is also ALIGNED to the CloudWatch period: it starts on a boundary and
 * fills exactly its whole periods (the warm-up in the first seconds), so it needs n periods
 * where an unaligned level needs n + 1 (plan-check.ts), and the next level starts on the next
 * boundary while this one's metrics are pulled (the windows never share a period).
 */
import type { Variant } from '../domain.ts';
import type { DeployedVariant } from '../target/target.ts';
import type { LevelSchedule } from './measure-level.ts';
import type { SweepRun } from './sweep-run.ts';
import { untilAborted } from './abortable.ts';

/**
 * Idle time at the end of each aligned slot (beyond the workers' lead), at most a quarter of
 * the slot (2 s of AWS's 5-minute slots): the last requests finish and the next phase is invoked before its boundary.
 */
const alignedSlackMs = 2_000;

export async function runParallelVariants(run: SweepRun, variants: Variant[]): Promise<void> {
  const { target, levels, options } = run;
  const { signal } = options;
  const firstIndex = run.nextIndex();
  const deploys = await Promise.all(variants.map((variant, i) => run.deploy(variant, firstIndex + i)));
  const deployed: DeployedVariant[] = [];
  deploys.forEach((outcome, i) => {
    const variant = variants[i] as Variant;
    if (outcome.ok) deployed.push(outcome.deployed);
    else for (const level of levels) run.record(run.failedLevel(variant, level, outcome.reason));
  });
  const alignment = target.kind === 'aws' ? alignedLevel(run, deployed) : undefined;
  // Aligned levels: the pulls of a level run while the next level loads; records keep their order.
  let recording: Promise<void> = Promise.resolve();
  try {
    let nextStartMs = 0;
    for (const level of levels) {
      let schedule: LevelSchedule | undefined;
      if (alignment) {
        // The workers (if any) are invoked their lead before the start; the runner needs a moment too.
        const earliest = Date.now() + alignment.leadMs + 100;
        const startAtMs = nextStartMs >= earliest ? nextStartMs : Math.ceil(earliest / alignment.periodMs) * alignment.periodMs;
        const slotMs = alignment.levelMs / (run.plan.trials + (run.plan.warmupSec > 0 ? 1 : 0));
        schedule = { startAtMs, levelMs: alignment.levelMs, gapMs: alignment.leadMs + Math.min(alignedSlackMs, slotMs / 4) };
        nextStartMs = startAtMs + alignment.levelMs;
      }
      const firstOfLevel = run.nextIndex();
      if (!schedule) {
        const completed = await Promise.all(deployed.map(async (d, i) => run.complete(d, await run.measure(d, level, firstOfLevel + i))));
        for (const result of completed) run.record(result);
        continue;
      }
      const measured = await Promise.all(deployed.map((d, i) => run.measure(d, level, firstOfLevel + i, schedule)));
      const pulled = Promise.all(measured.map((m, i) => run.complete(deployed[i] as DeployedVariant, m)));
      // Awaited in order below; an early failure must not count as unhandled meanwhile.
      pulled.catch(() => undefined);
      recording = recording.then(async () => {
        for (const result of await pulled) run.record(result);
      });
    }
    await untilAborted(recording, signal);
  } finally {
    if (!signal.aborted) await Promise.all(deployed.map((d) => target.remove(d).catch(() => undefined)));
  }
}

/**
 * The aligned level of this plan on this target: the period is the longest the variants'
 * metrics are published at (LMI's 5 minutes beside standard Lambda's one); the AWS plan check
 * raised each trial to (n + 1) periods for an unaligned start, and aligned, n do.
 */
function alignedLevel(run: SweepRun, deployed: DeployedVariant[]): { periodMs: number; levelMs: number; leadMs: number } | undefined {
  const periodSec = Math.max(0, ...deployed.map((d) => d.cloudwatch.periodSec));
  if (periodSec <= 0) return undefined;
  const wholePeriods = Math.max(1, Math.round(run.plan.durationSec / periodSec) - 1);
  return { periodMs: periodSec * 1000, levelMs: run.plan.trials * wholePeriods * periodSec * 1000, leadMs: run.workers?.leadMs ?? 0 };
}
