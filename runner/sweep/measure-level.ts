/**
 * One concurrency level of one deployed variant: a discarded warm-up, N measured trials, the
 * target's window stats and the CloudWatch pull over the level's window.
 */
import type { BenchPlan } from '../plan/plan.ts';
import type { CloudWatchAccess, DeployedVariant, Target } from '../target/target.ts';
import type { WindowStats } from '../engine/protocol.ts';
import type { CloudWatchSummary, LevelResult, MeasuredLevel, RequestCounts, TrialResult } from '../run/run-file.ts';
import { InterruptedError } from '../errors.ts';
import { runLoad, type LoadResult } from '../load/run-load.ts';
import { mergeTrials } from './merge-trials.ts';
import { untilAborted } from './abortable.ts';
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

export interface LevelContext {
  plan: BenchPlan;
  target: Target;
  deployed: DeployedVariant;
  concurrency: number;
  signal: AbortSignal;
  pullMetrics?: PullMetrics;
  onProgress?: (progress: LevelLoadProgress) => void;
}

/** The engine answers 502 at the function timeout; the client waits a little longer than that. */
const clientTimeoutMarginSec = 5;

export async function measureLevel(context: LevelContext): Promise<LevelResult> {
  const { plan, deployed, concurrency, signal } = context;
  const base = { mode: deployed.variant.mode, variantId: deployed.variant.id, settings: deployed.variant.settings, concurrency };
  const load = (durationSec: number, onProgress: (result: { elapsedMs: number; requests: RequestCounts }) => void): Promise<LoadResult> =>
    runLoad({
      url: deployed.url,
      concurrency,
      durationSec,
      body: JSON.stringify(plan.event),
      timeoutSec: plan.timeoutSec + clientTimeoutMarginSec,
      signal,
      onProgress,
      ...(deployed.signRequest ? { signRequest: deployed.signRequest } : {}),
    });

  let warmupFields: Pick<MeasuredLevel, 'warmup'> = {};
  if (plan.warmupSec > 0) {
    const warmup = await load(plan.warmupSec, (p) => context.onProgress?.({ phase: 'warm-up', trial: 0, requests: p.requests, measuredMs: p.elapsedMs }));
    if (warmup.aborted) throw new InterruptedError();
    await drain(warmup, context);
    const stats = await untilAborted(context.target.windowStats(deployed, { startMs: warmup.window.startMs, endMs: warmup.window.endMs }), signal);
    if (stats !== null) {
      warmupFields = { warmup: { requests: warmup.requests, coldStarts: stats.coldStarts, initDurationMs: initSummary(stats.initDurationsMs) } };
    }
  }

  const trials: TrialResult[] = [];
  const done: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
  let doneMs = 0;
  for (let trial = 1; trial <= plan.trials; trial++) {
    const result = await load(plan.durationSec, (p) =>
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
      return { ...base, state: 'failed', reason: `trial ${trial}: no successful response (${describeFailures(result)})` };
    }
    trials.push({ trial, window: result.window, requests: result.requests, throughputRps: result.throughputRps, latencyMs: result.latencyMs, histogram: result.histogram });
    done.ok += result.requests.ok;
    done.throttled += result.requests.throttled;
    done.errors += result.requests.errors;
    doneMs += result.window.endMs - result.window.startMs;
  }

  const merged = mergeTrials(trials);
  if (merged.latencyMs === null) return { ...base, state: 'failed', reason: 'no successful response in any trial' };
  const window = { startMs: merged.window.startMs, endMs: merged.window.endMs };
  const stats = await untilAborted(context.target.windowStats(deployed, window), signal);
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

  const level: MeasuredLevel = {
    ...base,
    state: 'measured',
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
  if (cloudwatchError !== undefined) level.cloudwatchError = cloudwatchError;
  // A target without its own CPU measure (AWS) uses CloudWatch's.
  if (stats === null && cloudwatch?.cpuSecondsPerRequest != null) level.cpuSecondsPerRequest = cloudwatch.cpuSecondsPerRequest;
  return level;
}

/**
 * A load run ends by closing its connections with up to `concurrency` requests still running
 * in the function. Started at once, the next run would find those environments busy: standard
 * Lambda would cold-start new ones and LMI would count busy slots, an artifact of the tool,
 * not of the compute type. So the next run waits until the target has recorded them (the
 * engine records an invocation when it ends), for at most the function timeout. A target
 * without stats (AWS) gets the slowest latency seen, the best guess there is.
 */
async function drain(previous: LoadResult, context: LevelContext): Promise<void> {
  const { plan, target, deployed, signal } = context;
  if (previous.inFlightAtEnd === 0) return;
  // Requests that reached the function: answered ones (any status) and those cut off in flight.
  const answered = sum(Object.values(previous.statusCodes));
  const expected = answered + previous.inFlightAtEnd;
  const deadlineMs = Date.now() + plan.timeoutSec * 1000 + drainPollMs;
  while (Date.now() < deadlineMs) {
    const stats = await untilAborted(target.windowStats(deployed, { startMs: previous.window.startMs, endMs: Date.now() + 1 }), signal);
    if (stats === null) {
      await sleep(Math.min(Math.ceil(previous.latencyMs?.max ?? 0) + 10, plan.timeoutSec * 1000), signal);
      return;
    }
    if (stats.invocations >= expected) return;
    await sleep(drainPollMs, signal);
  }
}

const drainPollMs = 100;

type StatsFields = Pick<MeasuredLevel, 'coldStarts' | 'initDurationMs' | 'environments' | 'cpuSecondsPerRequest' | 'accounting' | 'instances' | 'instancesMean' | 'timeline' | 'unmeasured'>;

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
  return fields;
}

function initSummary(inits: number[]): MeasuredLevel['initDurationMs'] {
  return inits.length > 0 ? { count: inits.length, mean: sum(inits) / inits.length, max: Math.max(...inits) } : null;
}

function describeFailures(result: LoadResult): string {
  const parts = [`${result.requests.throttled} throttled`, `${result.requests.errors} errors`];
  const statuses = Object.entries(result.statusCodes).filter(([code]) => !code.startsWith('2'));
  const sockets = Object.entries(result.socketErrors);
  const top = [...statuses.map(([code, n]) => [`HTTP ${code}`, n] as const), ...sockets].sort((a, b) => b[1] - a[1])[0];
  if (top) parts.push(`most often ${top[0]}`);
  return parts.join(', ');
}
