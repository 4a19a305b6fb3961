/**
 * One load level of one deployed variant: a discarded warm-up, N measured trials, the
 * target's window stats and the CloudWatch pull over the level's window. The load of each
 * phase comes from the runner's own generator (closed loop: autocannon; open loop: the
 * schedule of open-loop.ts) or from load workers hosted on the target, merged exactly.
 */
import type { BenchPlan } from '../plan/plan.ts';
import type { CloudWatchAccess, DeployedVariant, LoadWorkerPool, Target } from '../target/target.ts';
import type { WindowStats } from '../engine/protocol.ts';
import type { CloudWatchSummary, LevelLoad, LevelResult, MeasuredLevel, RequestCounts, TrialResult, WorkerLoadRecord } from '../run/run-file.ts';
import { InterruptedError } from '../errors.ts';
import { runLoad, type LoadResult } from '../load/run-load.ts';
import { runOpenLoad } from '../load/open-loop.ts';
import { runDistributedPhase } from '../load/distributed-load.ts';
import type { LoadShape } from '../load/load-task.ts';
import { addCounts } from '../load/merge-workers.ts';
import { createLatencyHistogram, decodeHistogram, encodeHistogram, summarizeLatency } from '../load/latency-histogram.ts';
import { mergeTrials } from './merge-trials.ts';
import { combineWindowStats } from './combine-window-stats.ts';
import { untilAborted } from './abortable.ts';
import { isSaturated, levelConcurrency, type LevelSpec } from '../plan/levels.ts';
import { sleep } from '../system/sleep.ts';
import type { Mode } from '../domain.ts';
import { sum } from '../system/sum.ts';
import { errorMessage } from '../system/error-message.ts';

export type PullMetrics = (access: CloudWatchAccess, window: { startMs: number; endMs: number }, mode: Mode) => Promise<CloudWatchSummary>;

export type LevelPhase = 'warm-up' | 'trial';

export interface LevelLoadProgress {
  phase: LevelPhase;
  /** 1-based trial number (0 during warm-up). */
  trial: number;
  /** Requests of the measured trials so far (warm-up: of the warm-up). */
  requests: RequestCounts;
  /** Measured time so far, for the rate. */
  measuredMs: number;
}

/** Load workers for the level: the pool and how many of its workers share each phase. */
export interface LevelWorkers {
  pool: LoadWorkerPool;
  count: number;
  /** Workers are invoked this long before their common start (they may cold-start). */
  leadMs: number;
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
  pullMetrics?: PullMetrics;
  onProgress?: (progress: LevelLoadProgress) => void;
}

/** The engine answers 502 at the function timeout; the client waits a little longer than that. */
const clientTimeoutMarginSec = 5;

/** A phase whose load worker failed: the level fails with the worker named. */
class WorkerPhaseError extends Error {
  readonly workers: WorkerLoadRecord[];
  constructor(reason: string, workers: WorkerLoadRecord[]) {
    super(reason);
    this.workers = workers;
  }
}

interface PhaseResult {
  result: LoadResult;
  workers?: WorkerLoadRecord[];
}

/** Each worker over the level's phases: requests summed, window widened, invocation time summed. */
function addWorkerRecords(into: Map<number, WorkerLoadRecord>, records: WorkerLoadRecord[], measured: boolean): void {
  for (const record of records) {
    const known = into.get(record.worker) ?? { worker: record.worker, requests: { ok: 0, throttled: 0, errors: 0 }, window: null, invokedMs: 0, invocations: 0 };
    known.invokedMs += record.invokedMs;
    known.invocations += record.invocations;
    if (record.error !== undefined) known.error = record.error;
    if (measured) {
      addCounts(known.requests, record.requests);
      if (record.window) {
        known.window = known.window
          ? { ...known.window, startMs: Math.min(known.window.startMs, record.window.startMs), endMs: Math.max(known.window.endMs, record.window.endMs) }
          : { ...record.window };
        known.window.start = new Date(known.window.startMs).toISOString();
        known.window.end = new Date(known.window.endMs).toISOString();
      }
    }
    into.set(record.worker, known);
  }
}

export async function measureLevel(context: LevelContext): Promise<LevelResult> {
  const { plan, deployed, level, signal } = context;
  const base = {
    mode: deployed.variant.mode,
    variantId: deployed.variant.id,
    settings: deployed.variant.settings,
    concurrency: levelConcurrency(level),
    ...(level.kind === 'open' ? { rate: level.rate } : {}),
  };
  const shape: LoadShape = level.kind === 'closed' ? { kind: 'closed', connections: level.concurrency } : { kind: 'open', ratePerSec: level.rate, maxConnections: level.maxConnections };
  const workerRecords = new Map<number, WorkerLoadRecord>();
  const loadMode = (): LevelLoad => (context.workers ? { mode: 'workers', workers: [...workerRecords.values()].sort((a, b) => a.worker - b.worker) } : { mode: 'in-process' });

  const phase = async (durationSec: number, startAtMs: number | undefined, measured: boolean, onProgress: (p: { elapsedMs: number; requests: RequestCounts }) => void): Promise<PhaseResult> => {
    const timeoutSec = plan.timeoutSec + clientTimeoutMarginSec;
    const body = JSON.stringify(plan.event);
    const workers = context.workers;
    if (workers) {
      const startAt = startAtMs ?? Date.now() + workers.leadMs;
      // Workers report at the end of the phase: the clock moves meanwhile, the counts do not.
      const ticker = setInterval(() => onProgress({ elapsedMs: Math.max(0, Date.now() - startAt), requests: { ok: 0, throttled: 0, errors: 0 } }), 250);
      try {
        const outcome = await untilAborted(
          runDistributedPhase(workers.pool, { url: deployed.url, body, shape, durationSec, timeoutSec, startAtMs: startAt, workers: workers.count }, signal),
          signal,
        );
        addWorkerRecords(workerRecords, outcome.workers, measured);
        if (!outcome.ok) throw new WorkerPhaseError(outcome.reason, outcome.workers);
        return { result: outcome.result, workers: outcome.workers };
      } finally {
        clearInterval(ticker);
      }
    }
    if (startAtMs !== undefined && startAtMs > Date.now()) await sleep(startAtMs - Date.now(), signal);
    // A fixed-time phase that starts late (the previous phase's requests took longer to finish)
    // still ends on time: the level's periods are what CloudWatch will report.
    const remainingSec = startAtMs !== undefined ? Math.max(0.1, durationSec - (Date.now() - startAtMs) / 1000) : durationSec;
    const common = { url: deployed.url, durationSec: remainingSec, body, timeoutSec, signal, onProgress, ...(deployed.signRequest ? { signRequest: deployed.signRequest } : {}) };
    const result = shape.kind === 'closed' ? await runLoad({ ...common, concurrency: shape.connections }) : await runOpenLoad({ ...common, ratePerSec: shape.ratePerSec, maxConnections: shape.maxConnections });
    return { result };
  };

  // Fixed times (parallel variants on AWS): the warm-up opens the level in a slot of its own
  // (its length plus the gap, for its in-flight requests and the next invocation), the trials
  // share the rest in equal slots, each ending `gapMs` before the next one starts.
  const schedule = context.schedule;
  const warmupSlotMs = schedule && plan.warmupSec > 0 ? plan.warmupSec * 1000 + schedule.gapMs : 0;
  const slotMs = schedule ? (schedule.levelMs - warmupSlotMs) / plan.trials : 0;
  const trialStart = (trial: number): number | undefined => (schedule ? schedule.startAtMs + warmupSlotMs + (trial - 1) * slotMs : undefined);
  const trialSec = schedule ? (slotMs - schedule.gapMs) / 1000 : plan.durationSec;

  let current = 'warm-up';
  try {
    let warmupFields: Pick<MeasuredLevel, 'warmup'> = {};
    if (plan.warmupSec > 0) {
      const { result: warmup } = await phase(plan.warmupSec, schedule?.startAtMs, false, (p) =>
        context.onProgress?.({ phase: 'warm-up', trial: 0, requests: p.requests, measuredMs: p.elapsedMs }),
      );
      if (warmup.aborted) throw new InterruptedError();
      await drain(warmup, context);
      const stats = await untilAborted(context.target.windowStats(deployed, { startMs: warmup.window.startMs, endMs: warmup.window.endMs }), signal);
      if (stats !== null) {
        warmupFields = { warmup: { requests: warmup.requests, coldStarts: stats.coldStarts, initDurationMs: initSummary(stats.initDurationsMs) } };
      }
    }

    const trials: TrialResult[] = [];
    const opens: NonNullable<LoadResult['open']>[] = [];
    const done: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
    let doneMs = 0;
    for (let trial = 1; trial <= plan.trials; trial++) {
      current = `trial ${trial}`;
      const { result } = await phase(trialSec, trialStart(trial), true, (p) =>
        context.onProgress?.({
          phase: 'trial',
          trial,
          requests: { ok: done.ok + p.requests.ok, throttled: done.throttled + p.requests.throttled, errors: done.errors + p.requests.errors },
          measuredMs: doneMs + p.elapsedMs,
        }),
      );
      if (result.aborted) throw new InterruptedError();
      // Also after the last trial: the window stats below then count every request of the level.
      await drain(result, context);
      if (result.latencyMs === null) {
        // The target's own account of the errors, where it has one: the cause a status code hides.
        const stats = await untilAborted(context.target.windowStats(deployed, { startMs: result.window.startMs, endMs: result.window.endMs }), signal);
        const causes = describeErrorTypes(stats?.errorTypes);
        return { ...base, load: loadMode(), state: 'failed', reason: `trial ${trial}: no successful response (${describeFailures(result)})${causes}` };
      }
      trials.push({ trial, window: result.window, requests: result.requests, throughputRps: result.throughputRps, latencyMs: result.latencyMs, histogram: result.histogram });
      if (result.open) opens.push(result.open);
      addCounts(done, result.requests);
      doneMs += result.window.endMs - result.window.startMs;
    }

    const merged = mergeTrials(trials);
    if (merged.latencyMs === null) return { ...base, load: loadMode(), state: 'failed', reason: 'no successful response in any trial' };
    const window = { startMs: merged.window.startMs, endMs: merged.window.endMs };
    const stats = await trialStats(context, trials);
    let cloudwatch: CloudWatchSummary | null = null;
    let cloudwatchError: string | undefined;
    if (context.pullMetrics) {
      try {
        cloudwatch = await untilAborted(context.pullMetrics(deployed.cloudwatch, window, deployed.variant.mode), signal);
      } catch (error) {
        if (error instanceof InterruptedError) throw error;
        cloudwatchError = errorMessage(error);
      }
    }

    const load = loadMode();
    let saturated: boolean | undefined;
    if (level.kind === 'open' && opens.length > 0) {
      const fromSend = createLatencyHistogram();
      for (const open of opens) fromSend.add(decodeHistogram(open.fromSendHistogram));
      const achievedRps = merged.throughputRps;
      saturated = isSaturated(level.rate, achievedRps);
      load.arrival = {
        targetRps: level.rate,
        achievedRps,
        scheduled: sum(opens.map((o) => o.scheduled)),
        sent: sum(opens.map((o) => o.sent)),
        unsent: sum(opens.map((o) => o.unsent)),
        connectionsMax: Math.max(...opens.map((o) => o.connectionsMax)),
        latencyFromSendMs: summarizeLatency(fromSend),
        histogramFromSend: encodeHistogram(fromSend),
      };
    }

    const measuredLevel: MeasuredLevel = {
      ...base,
      load,
      state: 'measured',
      ...(saturated ? { saturated } : {}),
      window: merged.window,
      trials,
      requests: merged.requests,
      throughputRps: merged.throughputRps,
      latencyMs: merged.latencyMs,
      histogram: merged.histogram,
      ...fromWindowStats(stats, merged.requests.ok),
      ...warmupFields,
      cloudwatch,
    };
    if (cloudwatchError !== undefined) measuredLevel.cloudwatchError = cloudwatchError;
    // A target without its own CPU measure (AWS) uses CloudWatch's.
    if (stats === null && cloudwatch?.cpuSecondsPerRequest != null) measuredLevel.cpuSecondsPerRequest = cloudwatch.cpuSecondsPerRequest;
    return measuredLevel;
  } catch (error) {
    if (error instanceof WorkerPhaseError) return { ...base, load: loadMode(), state: 'failed', reason: `${current}: ${error.message}` };
    throw error;
  }
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

/**
 * A load run ends by closing its connections with up to `concurrency` requests still running
 * in the function. Started at once, the next run would find those environments busy: standard
 * Lambda would cold-start new ones and LMI would count busy slots, an artifact of the tool,
 * not of the compute type. So the next run waits until the target has recorded them (the
 * engine records an invocation when it ends, a throttle at once), for at most the function
 * timeout. A target without stats (AWS) gets the slowest latency seen, the best guess there is.
 *
 * Only requests the target records are waited for: invocations and throttles both count, so
 * a phase that ends throttled ends at once (counting throttles on one side only would wait
 * the whole function timeout for records that never come). A request refused before the
 * function (413) is never recorded: when every answered request was refused, the ones cut off
 * in flight were refused too, and there is nothing to wait for.
 */
async function drain(previous: LoadResult, context: LevelContext): Promise<void> {
  const { plan, target, deployed, signal } = context;
  if (previous.inFlightAtEnd === 0) return;
  const answered = sum(Object.values(previous.statusCodes));
  const refused = sum(refusedBeforeTheFunction.map((code) => previous.statusCodes[code] ?? 0));
  if (answered > 0 && refused === answered) return;
  // Requests that reached the function: answered ones (any recorded status) and those cut off in flight.
  const expected = answered - refused + previous.inFlightAtEnd;
  const deadlineMs = Date.now() + plan.timeoutSec * 1000 + drainPollMs;
  while (Date.now() < deadlineMs) {
    const stats = await untilAborted(target.windowStats(deployed, { startMs: previous.window.startMs, endMs: Date.now() + 1 }), signal);
    if (stats === null) {
      await sleep(Math.min(Math.ceil(previous.latencyMs?.max ?? 0) + 10, plan.timeoutSec * 1000), signal);
      return;
    }
    if (stats.invocations + stats.throttled >= expected) return;
    await sleep(drainPollMs, signal);
  }
}

/** Statuses answered before the function runs, which the target records nowhere (request too large). */
const refusedBeforeTheFunction = ['413'];

const drainPollMs = 100;

type StatsFields = Pick<MeasuredLevel, 'coldStarts' | 'initDurationMs' | 'environments' | 'cpuSecondsPerRequest' | 'accounting' | 'instances' | 'instancesMean' | 'timeline' | 'unmeasured' | 'errorTypes'>;

function fromWindowStats(stats: WindowStats | null, ok: number): StatsFields {
  if (stats === null) return { coldStarts: 0, initDurationMs: null, environments: 0, cpuSecondsPerRequest: null, unmeasured: ['coldStarts', 'environments'] };
  const fields: StatsFields = {
    coldStarts: stats.coldStarts,
    initDurationMs: initSummary(stats.initDurationsMs),
    environments: stats.environmentsMax,
    cpuSecondsPerRequest: ok > 0 ? stats.cpuSeconds / ok : null,
  };
  const usage = stats.usage;
  if (usage && usage.invocations > 0) {
    fields.accounting = {
      invocations: usage.invocations,
      wallMeanMs: usage.wallMs / usage.invocations,
      cpuMeanMs: usage.cpuMs / usage.invocations,
      runQueueMeanMs: usage.runQueueMs / usage.invocations,
    };
  }
  if (stats.instancesMax > 0) {
    fields.instances = stats.instancesMax;
    fields.instancesMean = stats.instancesMean;
    fields.timeline = stats.timeline;
  }
  if (stats.errorTypes) fields.errorTypes = stats.errorTypes;
  return fields;
}

function initSummary(inits: number[]): MeasuredLevel['initDurationMs'] {
  return inits.length > 0 ? { count: inits.length, mean: sum(inits) / inits.length, max: Math.max(...inits) } : null;
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
