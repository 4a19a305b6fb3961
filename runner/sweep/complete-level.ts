/**
 * The pure step that completes a level, the same for the sequential and the parallel sweep:
 * the trials merged, the target's window stats and CloudWatch's summary (pulled at once, or
 * later for aligned parallel levels) folded into the level's record.
 */
import type { WindowStats } from '../engine/protocol.ts';
import type { CloudWatchSummary, FailedLevel, LevelLoad, MeasuredLevel, TrialResult } from '../run/run-file.ts';
import type { OpenLoopStats } from '../load/load-result.ts';
import { createLatencyHistogram, decodeHistogram, encodeHistogram, summarizeLatency } from '../load/latency-histogram.ts';
import { isSaturated, type LevelSpec } from '../plan/levels.ts';
import { mergeTrials } from './merge-trials.ts';
import { sum } from '../system/sum.ts';

/** What every record of a level starts with. */
export type LevelBase = Pick<MeasuredLevel, 'mode' | 'variantId' | 'settings' | 'concurrency' | 'rate'>;

/** A level whose phases ran: everything but CloudWatch's part. */
export interface LevelMeasurement {
  state: 'loaded';
  base: LevelBase;
  level: LevelSpec;
  load: LevelLoad;
  trials: TrialResult[];
  /** Open-loop trials: each one's schedule. */
  opens: OpenLoopStats[];
  warmup?: MeasuredLevel['warmup'];
  /** The target's stats over the trials' windows; null for a target without them (AWS). */
  stats: WindowStats | null;
}

/** CloudWatch's part of a level: none asked, the summary, or why the pull failed. */
export type CloudWatchOutcome = { kind: 'none' } | { kind: 'pulled'; summary: CloudWatchSummary } | { kind: 'failed'; error: string };

/** From the first trial's start to the last trial's end: what CloudWatch is asked about. */
export function measuredSpan(measurement: LevelMeasurement): { startMs: number; endMs: number } {
  const { startMs, endMs } = mergeTrials(measurement.trials).window;
  return { startMs, endMs };
}

export function completeLevel(measurement: LevelMeasurement, cloudwatch: CloudWatchOutcome): MeasuredLevel | FailedLevel {
  const { base, load, stats } = measurement;
  const merged = mergeTrials(measurement.trials);
  if (merged.latencyMs === null) return { ...base, load, state: 'failed', reason: 'no successful response in any trial' };
  const arrival = arrivalStats(measurement, merged.throughputRps);
  const summary = cloudwatch.kind === 'pulled' ? cloudwatch.summary : null;
  const level: MeasuredLevel = {
    ...base,
    load: arrival ? { ...load, arrival: arrival.stats } : load,
    state: 'measured',
    ...(arrival?.saturated ? { saturated: true } : {}),
    window: merged.window,
    trials: measurement.trials,
    requests: merged.requests,
    throughputRps: merged.throughputRps,
    latencyMs: merged.latencyMs,
    histogram: merged.histogram,
    ...fromWindowStats(stats, merged.requests.ok),
    ...(measurement.warmup ? { warmup: measurement.warmup } : {}),
    cloudwatch: summary,
  };
  if (cloudwatch.kind === 'failed') level.cloudwatchError = cloudwatch.error;
  // A target without its own CPU measure (AWS) uses CloudWatch's.
  if (stats === null && summary?.cpuSecondsPerRequest != null) level.cpuSecondsPerRequest = summary.cpuSecondsPerRequest;
  return level;
}

/** Open-loop levels: the rate asked for against the rate achieved, and the latency from the send. */
function arrivalStats(measurement: LevelMeasurement, achievedRps: number): { stats: NonNullable<LevelLoad['arrival']>; saturated: boolean } | undefined {
  const { level, opens } = measurement;
  if (level.kind !== 'open' || opens.length === 0) return undefined;
  const fromSend = createLatencyHistogram();
  for (const open of opens) fromSend.add(decodeHistogram(open.fromSendHistogram));
  return {
    saturated: isSaturated(level.rate, achievedRps),
    stats: {
      targetRps: level.rate,
      achievedRps,
      scheduled: sum(opens.map((o) => o.scheduled)),
      sent: sum(opens.map((o) => o.sent)),
      unsent: sum(opens.map((o) => o.unsent)),
      connectionsMax: Math.max(...opens.map((o) => o.connectionsMax)),
      latencyFromSendMs: summarizeLatency(fromSend),
      histogramFromSend: encodeHistogram(fromSend),
    },
  };
}

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

export function initSummary(inits: number[]): MeasuredLevel['initDurationMs'] {
  return inits.length > 0 ? { count: inits.length, mean: sum(inits) / inits.length, max: Math.max(...inits) } : null;
}
