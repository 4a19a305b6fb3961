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
import type { Mode, Variant } from '../domain.ts';
import { errorMessage } from '../system/error-message.ts';
import type { DeployedVariant, Target } from '../target/target.ts';
import type { LevelResult, RequestCounts, RunStatus } from '../run/run-file.ts';
import { InterruptedError, TargetLostError } from '../errors.ts';
import { measureLevel, type LevelPhase, type LevelSchedule, type LevelWorkers, type PullMetrics } from './measure-level.ts';
import { untilAborted } from './abortable.ts';
import { levelConcurrency, planLevels, type LevelSpec } from '../plan/levels.ts';
import { runParallelVariants } from './parallel-sweep.ts';
import { defaultWallTimeAssumptions } from '../plan/wall-time.ts';

export interface SweepProgress {
  /** 1-based index of the level among all levels of the run. */
  levelIndex: number;
  levelCount: number;
  mode: Mode;
  variantId: string;
  concurrency: number;
  /** Open-loop levels: the arrival rate. */
  rate?: number;
  phase: 'deploy' | LevelPhase;
  trial: number;
  trials: number;
  /** Since the level (or the deploy) began. */
  elapsedMs: number;
  requests: RequestCounts;
  /** Successful requests per second of measured time so far. */
  rps: number;
}

export interface SweepOptions {
  signal: AbortSignal;
  pullMetrics?: PullMetrics;
  onProgress?: (progress: SweepProgress) => void;
  /** Each finished level, as soon as it is known (the caller may save partial results). */
  onLevel?: (level: LevelResult, levelIndex: number, levelCount: number) => void;
}

export interface SweepResult {
  status: RunStatus;
  reason?: string;
  levels: LevelResult[];
  /** The run stopped because the platform went away (target.lost()), not because of the input. */
  targetLost?: boolean;
}

/** A failure on a platform that is gone ends the run: every later level would fail the same way. */
function throwIfLost(target: Target): void {
  const lost = target.lost?.();
  if (lost) throw new TargetLostError(lost);
}

/** What the sweep's two orders share: recording, progress, the level runner. */
export interface SweepRun {
  plan: BenchPlan;
  target: Target;
  levels: LevelSpec[];
  levelCount: number;
  workers: LevelWorkers | undefined;
  options: SweepOptions;
  record(level: LevelResult): void;
  /** The next level's 1-based index among all recorded levels. */
  nextIndex(): number;
  failedLevel(variant: Variant, level: LevelSpec, reason: string): LevelResult;
  deploy(variant: Variant, levelIndex: number): Promise<DeployOutcome>;
  /** `pullInline: false`: the caller pulls the level's CloudWatch metrics itself (later). */
  measure(deployed: DeployedVariant, level: LevelSpec, levelIndex: number, extra?: { schedule?: LevelSchedule; pullInline?: boolean }): Promise<LevelResult>;
}

export async function runSweep(plan: BenchPlan, target: Target, variants: Variant[], options: SweepOptions): Promise<SweepResult> {
  const { signal } = options;
  const levels = planLevels(plan);
  const levelCount = variants.length * levels.length;
  const recorded: LevelResult[] = [];
  let starting: Promise<void> | undefined;
  try {
    starting = target.start();
    await untilAborted(starting, signal);
    const workers = await levelWorkers(plan, target, signal);
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
      async measure(deployed, level, levelIndex, extra = {}) {
        const levelStartMs = Date.now();
        const { variant } = deployed;
        try {
          const measured = await measureLevel({
            plan, target, deployed, level, signal,
            ...(workers ? { workers } : {}),
            ...(options.pullMetrics && extra.pullInline !== false ? { pullMetrics: options.pullMetrics } : {}),
            ...(extra.schedule ? { schedule: extra.schedule } : {}),
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
    };
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
      for (const level of levels) run.record(await run.measure(deployed, level, run.nextIndex()));
    } finally {
      // Best effort: on an abort the target is stopped right after, which removes everything.
      if (!signal.aborted) await target.remove(deployed).catch(() => undefined);
    }
  }
}

export type DeployOutcome = { ok: true; deployed: DeployedVariant } | { ok: false; reason: string };

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
