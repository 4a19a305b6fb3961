/**
 * The load sweep: start the target; per variant (lambda first, then each LMI settings
 * combination) deploy, measure every concurrency level in ascending order, remove; stop the
 * target. A level that fails is recorded as failed and the sweep goes on. An abort (Ctrl-C)
 * stops at once: the level in progress is dropped, the finished ones are returned.
 */
import type { BenchPlan } from '../plan/plan.ts';
import type { DeployedVariant, Target } from '../target/target.ts';
import type { LevelResult, RequestCounts, RunStatus } from '../run/run-file.ts';
import { InterruptedError } from '../errors.ts';
import { measureLevel, type LevelPhase, type PullMetrics } from './measure-level.ts';
import { untilAborted } from './abortable.ts';
import type { Mode, Variant } from '../domain.ts';
import { errorMessage } from '../system/error-message.ts';

export interface SweepProgress {
  /** 1-based index of the level among all levels of the run. */
  levelIndex: number;
  levelCount: number;
  mode: Mode;
  variantId: string;
  concurrency: number;
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
}

export async function runSweep(plan: BenchPlan, target: Target, variants: Variant[], options: SweepOptions): Promise<SweepResult> {
  const { signal } = options;
  const levelCount = variants.length * plan.concurrency.length;
  const levels: LevelResult[] = [];
  const record = (level: LevelResult): void => {
    levels.push(level);
    options.onLevel?.(level, levels.length, levelCount);
  };
  let starting: Promise<void> | undefined;
  try {
    starting = target.start();
    await untilAborted(starting, signal);
    for (const variant of variants) {
      const deployStartMs = Date.now();
      const first = levels.length + 1;
      const deployProgress = (): void =>
        options.onProgress?.({
          levelIndex: first, levelCount, mode: variant.mode, variantId: variant.id, concurrency: plan.concurrency[0] ?? 0,
          phase: 'deploy', trial: 0, trials: plan.trials, elapsedMs: Date.now() - deployStartMs, requests: { ok: 0, throttled: 0, errors: 0 }, rps: 0,
        });
      deployProgress();
      // An LMI deploy waits for its minimum environments (minutes on AWS): keep the clock moving.
      const deployTicker = setInterval(deployProgress, 1000);
      let deployed: DeployedVariant;
      try {
        deployed = await untilAborted(target.deploy(variant), signal);
      } catch (error) {
        if (error instanceof InterruptedError || signal.aborted) throw new InterruptedError();
        const reason = `deploy failed: ${errorMessage(error)}`;
        for (const concurrency of plan.concurrency) record({ mode: variant.mode, variantId: variant.id, settings: variant.settings, concurrency, state: 'failed', reason });
        continue;
      } finally {
        clearInterval(deployTicker);
      }
      try {
        for (const concurrency of plan.concurrency) {
          const levelIndex = levels.length + 1;
          const levelStartMs = Date.now();
          try {
            record(
              await measureLevel({
                plan, target, deployed, concurrency, signal,
                ...(options.pullMetrics ? { pullMetrics: options.pullMetrics } : {}),
                onProgress: (p) =>
                  options.onProgress?.({
                    levelIndex, levelCount, mode: variant.mode, variantId: variant.id, concurrency,
                    phase: p.phase, trial: p.trial, trials: plan.trials, elapsedMs: Date.now() - levelStartMs,
                    requests: p.requests, rps: p.measuredMs > 0 ? p.requests.ok / (p.measuredMs / 1000) : 0,
                  }),
              }),
            );
          } catch (error) {
            if (error instanceof InterruptedError || signal.aborted) throw new InterruptedError();
            record({ mode: variant.mode, variantId: variant.id, settings: variant.settings, concurrency, state: 'failed', reason: errorMessage(error) });
          }
        }
      } finally {
        // Best effort: on an abort the target is stopped right after, which removes everything.
        if (!signal.aborted) await target.remove(deployed).catch(() => undefined);
      }
    }
    return { status: 'complete', levels };
  } catch (error) {
    if (error instanceof InterruptedError || signal.aborted) return { status: 'interrupted', reason: 'interrupted by the user', levels };
    return { status: 'failed', reason: errorMessage(error), levels };
  } finally {
    // An abort during start must not stop the target before it exists (it would stay up).
    await starting?.catch(() => undefined);
    await target.stop();
  }
}
