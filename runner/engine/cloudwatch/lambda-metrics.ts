/**
 * The AWS/Lambda metrics the engine publishes, computed from the MetricsStore's raw records:
 * which metric names and dimension sets exist, their units, and the samples of each period.
 * A metric or dimension CloudWatch would not have gives `null` (an empty, Complete result).
 */
import type { CapacityPoint, InvocationRecord } from '../protocol.ts';
import type { MetricsStore } from '../metrics-store.ts';
import { peakOverlapPerSlice, sliceMs, stepSamples, type Interval } from './gauges.ts';
import type { Bucket } from './periods.ts';
import type { Dimension } from './request.ts';

export const lambdaNamespace = 'AWS/Lambda';

export interface MetricSeries {
  unit: 'Count' | 'Milliseconds' | 'Percent';
  /** Samples of each bucket, in bucket order; an empty list means no datapoint. */
  samples(buckets: readonly Bucket[]): number[][];
}

/** The capacity provider the engine names for an LMI function. */
export function capacityProviderName(functionName: string): string {
  return `cp-${functionName}`;
}

type Kind = 'function' | 'lmi-function' | 'capacity-provider';

const metricKinds: Record<string, Kind> = {
  Invocations: 'function',
  Errors: 'function',
  Throttles: 'function',
  Duration: 'function',
  ConcurrentExecutions: 'function',
  ExecutionEnvironmentConcurrency: 'lmi-function',
  ExecutionEnvironmentCPUUtilization: 'lmi-function',
  vCPUAllocated: 'capacity-provider',
  vCPUAvailable: 'capacity-provider',
  CPUUtilization: 'capacity-provider',
};

const allowedDimensions: Record<Kind, readonly string[]> = {
  function: ['FunctionName', 'Resource'],
  'lmi-function': ['CapacityProviderName', 'FunctionName', 'Resource'],
  'capacity-provider': ['CapacityProviderName', 'InstanceType'],
};

const maxInvocationMs = 15 * 60_000;

interface SortedInvocations {
  /** Visible records in start order. */
  byStart: InvocationRecord[];
  /** Longest start-to-end span, to find invocations still running at a given time. */
  maxSpanMs: number;
}

function isSortedByStart(records: readonly InvocationRecord[]): boolean {
  for (let i = 1; i < records.length; i++) if ((records[i] as InvocationRecord).startMs < (records[i - 1] as InvocationRecord).startMs) return false;
  return true;
}

function lowerBound(records: readonly InvocationRecord[], startMs: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((records[mid] as InvocationRecord).startMs < startMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The store as one GetMetricData request sees it: only what had finished when its first page
 * was computed, each function's invocations sorted once so every period is a binary search.
 */
export class StoreView {
  readonly #lmi = new Map<string, boolean>();
  readonly #sorted = new Map<string, SortedInvocations>();
  constructor(
    readonly store: MetricsStore,
    readonly asOfMs: number,
    /** Time range the request can touch; records far outside it are never sorted. */
    readonly range: { startMs: number; endMs: number } = { startMs: -Infinity, endMs: Infinity },
  ) {}

  #invocations(functionName: string): SortedInvocations {
    let sorted = this.#sorted.get(functionName);
    if (!sorted) {
      // Lambda's longest timeout is 15 minutes: nothing that started earlier can still be running.
      const byStart = this.store.invocations(functionName, this.range.startMs - maxInvocationMs, this.range.endMs).filter((r) => r.endMs <= this.asOfMs);
      // Records are appended as invocations end, nearly in start order: sort only what is not.
      if (!isSortedByStart(byStart)) byStart.sort((a, b) => a.startMs - b.startMs);
      const maxSpanMs = byStart.reduce((m, r) => Math.max(m, r.endMs - r.startMs), 0);
      sorted = { byStart, maxSpanMs };
      this.#sorted.set(functionName, sorted);
    }
    return sorted;
  }

  /** Invocations that started in [startMs, endMs), in start order. */
  invocations(functionName: string, startMs: number, endMs: number): InvocationRecord[] {
    const { byStart } = this.#invocations(functionName);
    return byStart.slice(lowerBound(byStart, startMs), lowerBound(byStart, endMs));
  }

  /** Invocations (throttles excluded) running at some moment of [startMs, endMs). */
  running(functionName: string, startMs: number, endMs: number): InvocationRecord[] {
    const { byStart, maxSpanMs } = this.#invocations(functionName);
    return byStart
      .slice(lowerBound(byStart, startMs - maxSpanMs), lowerBound(byStart, endMs))
      .filter((r) => r.status !== 'throttled' && Math.max(r.endMs, r.startMs + 0.001) > startMs);
  }

  capacity(functionName: string, startMs: number, endMs: number): CapacityPoint[] {
    return this.store.capacity(functionName, startMs, Math.min(endMs, this.asOfMs + 1));
  }

  /** The store does not keep a function's compute type; its records tell it. */
  isLmi(functionName: string): boolean {
    let lmi = this.#lmi.get(functionName);
    if (lmi === undefined) {
      lmi =
        this.store.invocations(functionName, -Infinity, Infinity).some((r) => r.mode === 'lmi') ||
        this.store.capacity(functionName, -Infinity, Infinity).some((p) => p.instances > 0);
      this.#lmi.set(functionName, lmi);
    }
    return lmi;
  }
}

function functionFor(view: StoreView, kind: Kind, dims: Map<string, string>): string[] | null {
  for (const name of dims.keys()) if (!allowedDimensions[kind].includes(name)) return null;
  const known = new Set(view.store.functionNames());
  if (kind === 'capacity-provider') {
    const provider = dims.get('CapacityProviderName');
    if (provider === undefined || !provider.startsWith('cp-')) return null;
    const functionName = provider.slice(3);
    return known.has(functionName) && view.isLmi(functionName) ? [functionName] : null;
  }
  const functionName = dims.get('FunctionName');
  if (functionName === undefined) {
    // Lambda publishes account-wide aggregates of the standard metrics with no dimensions.
    return kind === 'function' && dims.size === 0 ? [...known] : null;
  }
  if (!known.has(functionName)) return null;
  const resource = dims.get('Resource');
  if (resource !== undefined && resource !== functionName && resource !== `${functionName}:live`) return null;
  if (kind === 'lmi-function') {
    if (!view.isLmi(functionName)) return null;
    const provider = dims.get('CapacityProviderName');
    if (provider !== undefined && provider !== capacityProviderName(functionName)) return null;
  }
  return [functionName];
}

export function perRecord(
  view: StoreView,
  functionNames: string[],
  buckets: readonly Bucket[],
  sample: (record: InvocationRecord) => number | null,
): number[][] {
  const out: number[][] = buckets.map(() => []);
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) return out;
  // One pass over the records: buckets are contiguous and in order, so a binary search places each.
  for (const name of functionNames) {
    for (const record of view.invocations(name, first.startMs, last.endMs)) {
      const value = sample(record);
      if (value === null) continue;
      let lo = 0;
      let hi = buckets.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((buckets[mid] as Bucket).startMs <= record.startMs) lo = mid;
        else hi = mid - 1;
      }
      if (record.startMs < (buckets[lo] as Bucket).endMs) out[lo]?.push(value);
    }
  }
  return out;
}

function overlapping(view: StoreView, functionNames: string[], bucket: Bucket): InvocationRecord[] {
  return functionNames.flatMap((name) => view.running(name, bucket.startMs, bucket.endMs));
}

function concurrency(view: StoreView, functionNames: string[], buckets: readonly Bucket[], perEnvironment: boolean): number[][] {
  return buckets.map((bucket) => {
    const records = overlapping(view, functionNames, bucket);
    if (!perEnvironment) return peakOverlapPerSlice(records, bucket.startMs, bucket.endMs);
    const byEnvironment = new Map<string, Interval[]>();
    for (const record of records) {
      const id = record.environmentId ?? 'unknown';
      const list = byEnvironment.get(id);
      if (list) list.push(record);
      else byEnvironment.set(id, [record]);
    }
    return [...byEnvironment.values()].flatMap((intervals) => peakOverlapPerSlice(intervals, bucket.startMs, bucket.endMs));
  });
}

function environmentCpu(view: StoreView, functionName: string, buckets: readonly Bucket[]): number[][] {
  return buckets.map((bucket) =>
    view.store
      .cpuSamples(functionName, bucket.startMs, bucket.endMs)
      .filter((s) => s.atMs <= view.asOfMs && s.intervalMs > 0 && s.vcpus > 0)
      .map((s) => (100 * s.cpuSeconds) / ((s.intervalMs / 1000) * s.vcpus)),
  );
}

function capacityGauge(view: StoreView, functionName: string, buckets: readonly Bucket[], field: 'vcpusAllocated' | 'vcpusAvailable'): number[][] {
  return buckets.map((bucket) => {
    const points = view.capacity(functionName, bucket.startMs, bucket.endMs).map((p) => ({ atMs: p.atMs, value: p[field] }));
    return stepSamples(points, bucket.startMs, bucket.endMs, view.asOfMs);
  });
}

/** CPU the provider's environments used, as a percentage of the vCPUs its instances offer, per second. */
function providerCpu(view: StoreView, functionName: string, buckets: readonly Bucket[]): number[][] {
  return buckets.map((bucket) => {
    const points = view.capacity(functionName, bucket.startMs, bucket.endMs);
    const bySlice = new Map<number, { cpuSeconds: number; spanSec: number; atMs: number }>();
    for (const s of view.store.cpuSamples(functionName, bucket.startMs, bucket.endMs)) {
      if (s.atMs > view.asOfMs) continue;
      const slice = Math.floor((s.atMs - bucket.startMs) / sliceMs);
      const entry = bySlice.get(slice) ?? { cpuSeconds: 0, spanSec: 0, atMs: s.atMs };
      entry.cpuSeconds += s.cpuSeconds;
      entry.spanSec = Math.max(entry.spanSec, s.intervalMs / 1000);
      bySlice.set(slice, entry);
    }
    const out: number[] = [];
    for (const entry of bySlice.values()) {
      const available = points.filter((p) => p.atMs <= entry.atMs).at(-1)?.vcpusAvailable ?? 0;
      if (available > 0 && entry.spanSec > 0) out.push((100 * entry.cpuSeconds) / (available * entry.spanSec));
    }
    return out;
  });
}

/** The series a query names, or null when CloudWatch would have no such metric. */
export function resolveLambdaMetric(view: StoreView, namespace: string, metricName: string, dimensions: Dimension[]): MetricSeries | null {
  if (namespace !== lambdaNamespace) return null;
  const kind = metricKinds[metricName];
  if (!kind) return null;
  const functionNames = functionFor(view, kind, new Map(dimensions.map((d) => [d.name, d.value])));
  if (!functionNames) return null;
  const [only] = functionNames;
  switch (metricName) {
    case 'Invocations':
      return { unit: 'Count', samples: (b) => perRecord(view, functionNames, b, (r) => (r.status === 'throttled' ? null : 1)) };
    case 'Errors':
      return { unit: 'Count', samples: (b) => perRecord(view, functionNames, b, (r) => (r.status === 'throttled' ? null : r.status === 'ok' ? 0 : 1)) };
    case 'Throttles':
      return { unit: 'Count', samples: (b) => perRecord(view, functionNames, b, (r) => (r.status === 'throttled' ? 1 : 0)) };
    case 'Duration':
      return { unit: 'Milliseconds', samples: (b) => perRecord(view, functionNames, b, (r) => (r.status === 'throttled' ? null : r.durationMs)) };
    case 'ConcurrentExecutions':
      return { unit: 'Count', samples: (b) => concurrency(view, functionNames, b, false) };
    case 'ExecutionEnvironmentConcurrency':
      return { unit: 'Count', samples: (b) => concurrency(view, functionNames, b, true) };
  }
  if (only === undefined) return null;
  switch (metricName) {
    case 'ExecutionEnvironmentCPUUtilization':
      return { unit: 'Percent', samples: (b) => environmentCpu(view, only, b) };
    case 'vCPUAllocated':
      return { unit: 'Count', samples: (b) => capacityGauge(view, only, b, 'vcpusAllocated') };
    case 'vCPUAvailable':
      return { unit: 'Count', samples: (b) => capacityGauge(view, only, b, 'vcpusAvailable') };
    case 'CPUUtilization':
      return { unit: 'Percent', samples: (b) => providerCpu(view, only, b) };
  }
  return null;
}
