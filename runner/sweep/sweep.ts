/**
 * The load sweep: start the target; per variant (lambda first, then each LMI settings
 * combination) deploy, measure every level in ascending order, remove; stop the target. A
 * level that fails is recorded as failed and the sweep goes on. An abort (Ctrl-C) stops at
 * once: the level in progress is dropped, the finished ones are returned.
 *
 * With parallel variants (parallel-sweep.ts) every variant is deployed first and level k of
 * every variant is measured in the same window. With load workers (plan.load.workers ≥ 2) each
 * phase's load comes from worker functions on the target instead of the runner.
 */
import type { BenchPlan } from '../plan/plan.ts';
import type { Variant } from '../domain.ts';
import { errorMessage } from '../system/error-message.ts';
import type { DeployedVariant, Target } from '../target/target.ts';
import type { LevelResult } from '../run/run-file.ts';
import { InterruptedError, TargetLostError } from '../errors.ts';
import { measureLevel } from './measure-level.ts';
import type { LevelWorkers } from './load-source.ts';
import { completeLevel, measuredSpan, type CloudWatchOutcome } from './complete-level.ts';
import { untilAborted } from './abortable.ts';
import { levelConcurrency, planLevels, type LevelSpec } from '../plan/levels.ts';
import { runParallelVariants } from './parallel-sweep.ts';
import { defaultWallTimeAssumptions } from '../plan/wall-time.ts';
import type { DeployOutcome, SweepOptions, SweepResult, SweepRun } from './sweep-run.ts';

export type { PullMetrics, SweepOptions, SweepProgress, SweepResult } from './sweep-run.ts';

/** A failure on a platform that is gone ends the run: every later level would fail the same way. */
function throwIfLost(target: Target): void {
  const lost = target.lost?.();
  if (lost) throw new TargetLostError(lost);
}

export async function runSweep(plan: BenchPlan, target: Target, variants: Variant[], options: SweepOptions): Promise<SweepResult> {
  const { signal } = options;
  const levels = planLevels(plan);
  const recorded: LevelResult[] = [];
  let starting: Promise<void> | undefined;
  try {
    starting = target.start();
    await untilAborted(starting, signal);
    const workers = await levelWorkers(plan, target, signal);
    const run = sweepRun(plan, target, variants, levels, workers, options, recorded);
    if (plan.load?.parallelVariants && variants.length > 1) await runParallelVariants(run, variants);
    else await runOneAfterAnother(run, variants);
    return { status: 'complete', levels: recorded };
  } catch (error) {
    if (error instanceof InterruptedError || signal.aborted) return { status: 'interrupted', reason: 'interrupted by the user', levels: recorded };
    if (error instanceof TargetLostError) return { status: 'failed', reason: error.message, levels: recorded, targetLost: true };
    return { status: 'failed', reason: errorMessage(error), levels: recorded };
  } finally {
    // An abort during start must not stop the target before it exists (it would stay up).
    await starting?.catch(() => undefined);
    await target.stop();
  }
}

function sweepRun(plan: BenchPlan, target: Target, variants: Variant[], levels: LevelSpec[], workers: LevelWorkers | undefined, options: SweepOptions, recorded: LevelResult[]): SweepRun {
  const { signal } = options;
  const levelCount = variants.length * levels.length;
  const run: SweepRun = {
    plan, target, levels, levelCount, workers, options,
    record(level) {
      recorded.push(level);
      options.onLevel?.(level, recorded.length, levelCount);
    },
    nextIndex: () => recorded.length + 1,
    deploy: (variant, levelIndex) => deployVariant(run, variant, levelIndex),
    failedLevel: (variant, level, reason) => ({
      mode: variant.mode, variantId: variant.id, settings: variant.settings, concurrency: levelConcurrency(level),
      ...(level.kind === 'open' ? { rate: level.rate } : {}), state: 'failed', reason,
    }),
    async measure(deployed, level, levelIndex, schedule) {
      const levelStartMs = Date.now();
      const { variant } = deployed;
      try {
        const measured = await measureLevel({
          plan, target, deployed, level, signal,
          ...(workers ? { workers } : {}),
          ...(schedule ? { schedule } : {}),
          onProgress: (p) =>
            options.onProgress?.({
              levelIndex, levelCount, mode: variant.mode, variantId: variant.id, concurrency: levelConcurrency(level),
              ...(level.kind === 'open' ? { rate: level.rate } : {}),
              phase: p.phase, trial: p.trial, trials: plan.trials, elapsedMs: Date.now() - levelStartMs,
              requests: p.requests, rps: p.measuredMs > 0 ? p.requests.ok / (p.measuredMs / 1000) : 0,
            }),
        });
        // A platform lost during the level leaves numbers of a half-served level: not a result.
        throwIfLost(target);
        return measured;
      } catch (error) {
        if (error instanceof InterruptedError || signal.aborted) throw new InterruptedError();
        if (error instanceof TargetLostError) throw error;
        throwIfLost(target);
        return run.failedLevel(variant, level, errorMessage(error));
      }
    },
    async complete(deployed, measured) {
      if (measured.state === 'failed') return measured;
      return completeLevel(measured, await pullCloudWatch(run, deployed, measuredSpan(measured)));
    },
  };
  return run;
}

/** CloudWatch's part of a level; a failed pull is stated on the level, an abort throws. */
async function pullCloudWatch(run: SweepRun, deployed: DeployedVariant, window: { startMs: number; endMs: number }): Promise<CloudWatchOutcome> {
  const pull = run.options.pullMetrics;
  if (!pull) return { kind: 'none' };
  try {
    return { kind: 'pulled', summary: await untilAborted(pull(deployed.cloudwatch, window, deployed.variant.mode), run.options.signal) };
  } catch (error) {
    if (error instanceof InterruptedError || run.options.signal.aborted) throw new InterruptedError();
    return { kind: 'failed', error: errorMessage(error) };
  }
}

/** plan.load.workers ≥ 2: the target's load worker pool; otherwise the runner loads in-process. */
async function levelWorkers(plan: BenchPlan, target: Target, signal: AbortSignal): Promise<LevelWorkers | undefined> {
  const count = plan.load?.workers ?? 1;
  if (count < 2) return undefined;
  if (!target.loadWorkers) throw new Error(`the ${target.kind} target cannot host load workers`);
  const pool = await untilAborted(target.loadWorkers(), signal);
  return { pool, count, leadMs: defaultWallTimeAssumptions[target.kind].workerLeadMs };
}

async function runOneAfterAnother(run: SweepRun, variants: Variant[]): Promise<void> {
  const { target, levels, options } = run;
  const { signal } = options;
  for (const variant of variants) {
    const deploy = await run.deploy(variant, run.nextIndex());
    if (!deploy.ok) {
      for (const level of levels) run.record(run.failedLevel(variant, level, deploy.reason));
      continue;
    }
    const { deployed } = deploy;
    try {
      for (const level of levels) run.record(await run.complete(deployed, await run.measure(deployed, level, run.nextIndex())));
    } finally {
      // Best effort: on an abort the target is stopped right after, which removes everything.
      if (!signal.aborted) await target.remove(deployed).catch(() => undefined);
    }
  }
}


/** Deploys one variant with a ticking progress line; a failed deploy is an outcome, an abort throws. */
async function deployVariant(run: SweepRun, variant: Variant, levelIndex: number): Promise<DeployOutcome> {
  const { plan, target, levels, levelCount, options } = run;
  const { signal } = options;
  const deployStartMs = Date.now();
  const first = levels[0];
  const deployProgress = (): void =>
    options.onProgress?.({
      levelIndex, levelCount, mode: variant.mode, variantId: variant.id, concurrency: first ? levelConcurrency(first) : 0,
      phase: 'deploy', trial: 0, trials: plan.trials, elapsedMs: Date.now() - deployStartMs, requests: { ok: 0, throttled: 0, errors: 0 }, rps: 0,
    });
  deployProgress();
  // An LMI deploy waits for its minimum environments (minutes on AWS): keep the clock moving.
  const deployTicker = setInterval(deployProgress, 1000);
  try {
    return { ok: true, deployed: await untilAborted(target.deploy(variant), signal) };
  } catch (error) {
    if (error instanceof InterruptedError || signal.aborted) throw new InterruptedError();
    throwIfLost(run.target);
    return { ok: false, reason: `deploy failed: ${errorMessage(error)}` };
  } finally {
    clearInterval(deployTicker);
  }
}
