/**
 * The phases of one load level of one deployed variant: a discarded warm-up, then N measured
 * trials, each followed by a drain (drain.ts), and the target's window stats over the trials.
 * The load of each phase comes from the level's LoadSource (closed loop, open loop or load
 * workers); completing the level with CloudWatch's part is complete-level.ts's job.
 */
import type { BenchPlan } from '../plan/plan.ts';
import type { DeployedVariant, Target } from '../target/target.ts';
import type { WindowStats } from '../engine/protocol.ts';
import type { FailedLevel, MeasuredLevel, RequestCounts, TrialResult } from '../run/run-file.ts';
import type { LoadResult, OpenLoopStats } from '../load/load-result.ts';
import { InterruptedError } from '../errors.ts';
import { addCounts } from '../load/merge-workers.ts';
import { levelConcurrency, type LevelSpec } from '../plan/levels.ts';
import { untilAborted } from './abortable.ts';
import { combineWindowStats } from './combine-window-stats.ts';
import { initSummary, type LevelBase, type LevelMeasurement } from './complete-level.ts';
import { drain, type DrainContext } from './drain.ts';
import { settleCapacity } from './settle-capacity.ts';
import { WorkerPhaseError, type LevelWorkers, type LoadSource, type SourceRequest } from './load-source.ts';
import { closedLoopSource, openLoopSource } from './in-process-source.ts';
import { workerSource } from './worker-source.ts';

export type LevelPhase = 'warm-up' | 'trial';

export interface LevelLoadProgress {
  /**
   * drain: between phases, the last one's requests still running in the function; capacity:
   * after the warm-up, environments waiting for a new LMI instance (settle-capacity.ts).
   */
  phase: LevelPhase | 'drain' | 'capacity';
  /** With phase 'drain': requests the target has yet to record; 'capacity': environments awaiting an instance. */
  waitingFor?: number;
  /** 1-based trial number (0 during warm-up). */
  trial: number;
  /** Requests of the measured trials so far (warm-up: of the warm-up). */
  requests: RequestCounts;
  /** Measured time so far, for the rate. */
  measuredMs: number;
}

/**
 * Phases at fixed times (parallel variants on AWS): the warm-up starts at `startAtMs`, the
 * trials follow in equal slots, and the level ends by `startAtMs + levelMs`, leaving `gapMs`
 * free at the end of each slot (the warm-up's too) for the last requests to finish and the next
 * phase's workers to be invoked.
 */
export interface LevelSchedule {
  startAtMs: number;
  levelMs: number;
  gapMs: number;
}

export interface LevelContext {
  plan: BenchPlan;
  target: Target;
  deployed: DeployedVariant;
  level: LevelSpec;
  signal: AbortSignal;
  workers?: LevelWorkers;
  schedule?: LevelSchedule;
  onProgress?: (progress: LevelLoadProgress) => void;
}

/** The engine answers 502 at the function timeout; the client waits a little longer than that. */
const clientTimeoutMarginSec = 5;

/** The level's phases; a failed trial (or load worker) fails the level, an abort throws. */
export async function measureLevel(context: LevelContext): Promise<LevelMeasurement | FailedLevel> {
  const { plan, level } = context;
  const base: LevelBase = {
    mode: context.deployed.variant.mode,
    variantId: context.deployed.variant.id,
    settings: context.deployed.variant.settings,
    concurrency: levelConcurrency(level),
    ...(level.kind === 'open' ? { rate: level.rate } : {}),
  };
  const source = loadSource(context);
  const timing = phaseTiming(plan, context.schedule);
  let current = 'warm-up';
  try {
    const warmup = plan.warmupSec > 0 ? await warmUp(context, source) : undefined;
    const trials: TrialResult[] = [];
    const opens: OpenLoopStats[] = [];
    const done: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
    let doneMs = 0;
    for (let trial = 1; trial <= plan.trials; trial++) {
      current = `trial ${trial}`;
      const result = await source.phase({
        durationSec: timing.trialSec, startAtMs: timing.trialStart(trial), measured: true,
        onProgress: (p) =>
          context.onProgress?.({
            phase: 'trial', trial, measuredMs: doneMs + p.elapsedMs,
            requests: { ok: done.ok + p.requests.ok, throttled: done.throttled + p.requests.throttled, errors: done.errors + p.requests.errors },
          }),
      });
      if (result.aborted) throw new InterruptedError();
      // Also after the last trial: the window stats below then count every request of the level.
      await drain(result, drainContext(context, { trial, requests: { ...done }, measuredMs: doneMs }));
      if (result.latencyMs === null) return { ...base, load: source.describe(), state: 'failed', reason: await noSuccessReason(context, trial, result) };
      trials.push({ trial, window: result.window, requests: result.requests, throughputRps: result.throughputRps, latencyMs: result.latencyMs, histogram: result.histogram });
      if (result.open) opens.push(result.open);
      addCounts(done, result.requests);
      doneMs += result.window.endMs - result.window.startMs;
    }
    const stats = await trialStats(context, trials);
    return { state: 'loaded', base, level, load: source.describe(), trials, opens, ...(warmup ? { warmup } : {}), stats };
  } catch (error) {
    if (error instanceof WorkerPhaseError) return { ...base, load: source.describe(), state: 'failed', reason: `${current}: ${error.message}` };
    throw error;
  }
}

/** The level's load source: its workers when it has them, else the runner's own loop of the level's kind. */
function loadSource(context: LevelContext): LoadSource {
  const { plan, deployed, level, signal } = context;
  const request: SourceRequest = { url: deployed.url, body: JSON.stringify(plan.event), timeoutSec: plan.timeoutSec + clientTimeoutMarginSec, signal };
  if (context.workers) {
    const shape = level.kind === 'closed' ? { kind: 'closed' as const, connections: level.concurrency } : { kind: 'open' as const, ratePerSec: level.rate, maxConnections: level.maxConnections };
    return workerSource(request, context.workers, shape);
  }
  const inProcess = { ...request, ...(deployed.signRequest ? { signRequest: deployed.signRequest } : {}) };
  return level.kind === 'closed' ? closedLoopSource(inProcess, level.concurrency) : openLoopSource(inProcess, level.rate, level.maxConnections);
}

interface PhaseTiming {
  trialSec: number;
  trialStart(trial: number): number | undefined;
}

/**
 * Fixed times (parallel variants on AWS): the warm-up opens the level in a slot of its own
 * (its length plus the gap, for its in-flight requests and the next invocation), the trials
 * share the rest in equal slots, each ending `gapMs` before the next one starts.
 */
function phaseTiming(plan: BenchPlan, schedule: LevelSchedule | undefined): PhaseTiming {
  if (!schedule) return { trialSec: plan.durationSec, trialStart: () => undefined };
  const warmupSlotMs = plan.warmupSec > 0 ? plan.warmupSec * 1000 + schedule.gapMs : 0;
  const slotMs = (schedule.levelMs - warmupSlotMs) / plan.trials;
  return { trialSec: (slotMs - schedule.gapMs) / 1000, trialStart: (trial) => schedule.startAtMs + warmupSlotMs + (trial - 1) * slotMs };
}

/** The discarded warm-up: its requests and the cold starts it paid, when the target counts them. */
async function warmUp(context: LevelContext, source: LoadSource): Promise<MeasuredLevel['warmup']> {
  const { plan, deployed, signal } = context;
  const warmup = await source.phase({
    durationSec: plan.warmupSec, startAtMs: context.schedule?.startAtMs, measured: false,
    onProgress: (p) => context.onProgress?.({ phase: 'warm-up', trial: 0, requests: p.requests, measuredMs: p.elapsedMs }),
  });
  if (warmup.aborted) throw new InterruptedError();
  await drain(warmup, drainContext(context, { trial: 0, requests: warmup.requests, measuredMs: 0 }));
  const stats = await untilAborted(context.target.windowStats(deployed, { startMs: warmup.window.startMs, endMs: warmup.window.endMs }), signal);
  // Fixed-time phases (parallel variants on AWS) keep their schedule; AWS has no timeline anyway.
  const capacityWaitMs = context.schedule ? 0 : await settleCapacity(warmup.window.startMs, {
    target: context.target, deployed, launchDelaySec: plan.lmi.instanceLaunchDelaySec ?? 0, signal,
    onWait: (waitingFor) => context.onProgress?.({ phase: 'capacity', waitingFor, trial: 0, requests: warmup.requests, measuredMs: 0 }),
  });
  if (stats === null) return undefined;
  return { requests: warmup.requests, coldStarts: stats.coldStarts, initDurationMs: initSummary(stats.initDurationsMs), ...(capacityWaitMs > 0 ? { capacityWaitMs } : {}) };
}

/** The drain after a phase, reporting what it waits for so a long one is not silent. */
function drainContext(context: LevelContext, at: Pick<LevelLoadProgress, 'trial' | 'requests' | 'measuredMs'>): DrainContext {
  return {
    target: context.target,
    deployed: context.deployed,
    timeoutSec: context.plan.timeoutSec,
    signal: context.signal,
    onWait: (waitingFor) => context.onProgress?.({ phase: 'drain', waitingFor, ...at }),
  };
}

/** The target's stats over the trials' own windows (never over the drains between them); null without stats. */
async function trialStats(context: LevelContext, trials: TrialResult[]): Promise<WindowStats | null> {
  const windows: WindowStats[] = [];
  for (const trial of trials) {
    const stats = await untilAborted(context.target.windowStats(context.deployed, { startMs: trial.window.startMs, endMs: trial.window.endMs }), context.signal);
    if (stats === null) return null;
    windows.push(stats);
  }
  return combineWindowStats(windows);
}

/** A trial without one success: the counts, the commonest failure and the target's own account of the errors. */
async function noSuccessReason(context: LevelContext, trial: number, result: LoadResult): Promise<string> {
  // The target's own account of the errors, where it has one: the cause a status code hides.
  const stats = await untilAborted(context.target.windowStats(context.deployed, { startMs: result.window.startMs, endMs: result.window.endMs }), context.signal);
  return `trial ${trial}: no successful response (${describeFailures(result)})${describeErrorTypes(stats?.errorTypes)}`;
}

/** "; the function's errors: 812 InvalidResponse, 3 HandlerError", or '' when there are none. */
function describeErrorTypes(errorTypes: Record<string, number> | undefined): string {
  const entries = Object.entries(errorTypes ?? {}).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? '' : `; the function's errors: ${entries.map(([type, n]) => `${n} ${type}`).join(', ')}`;
}

function describeFailures(result: LoadResult): string {
  const parts = [`${result.requests.throttled} throttled`, `${result.requests.errors} errors`];
  const statuses = Object.entries(result.statusCodes).filter(([code]) => !code.startsWith('2'));
  const sockets = Object.entries(result.socketErrors);
  const top = [...statuses.map(([code, n]) => [`HTTP ${code}`, n] as const), ...sockets].sort((a, b) => b[1] - a[1])[0];
  if (top) parts.push(`most often ${top[0]}`);
  return parts.join(', ');
}
