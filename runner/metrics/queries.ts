/**
 * The GetMetricData queries of one level and how their results become a CloudWatchSummary.
 * One request carries all of them (CloudWatch bills per metric queried, not per request).
 */
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchSummary } from '../run/run-file.ts';
import type { CloudWatchAccess } from './access.ts';
import { averageOf, maxOf, percentileOf, sumOf, type Datapoint } from './combine.ts';
import type { Mode } from '../domain.ts';
import { cpuSecondsPerRequestFromCloudWatch } from './cpu-per-request.ts';

interface QuerySpec {
  id: string;
  metricName: string;
  stat: string;
  scope: 'function' | 'lmi-function' | 'capacity-provider';
}

const standardQueries: QuerySpec[] = [
  { id: 'invocations', metricName: 'Invocations', stat: 'Sum', scope: 'function' },
  { id: 'errors', metricName: 'Errors', stat: 'Sum', scope: 'function' },
  { id: 'throttles', metricName: 'Throttles', stat: 'Sum', scope: 'function' },
  { id: 'durationSum', metricName: 'Duration', stat: 'Sum', scope: 'function' },
  { id: 'durationCount', metricName: 'Duration', stat: 'SampleCount', scope: 'function' },
  { id: 'durationMax', metricName: 'Duration', stat: 'Maximum', scope: 'function' },
  { id: 'durationP50', metricName: 'Duration', stat: 'p50', scope: 'function' },
  { id: 'durationP90', metricName: 'Duration', stat: 'p90', scope: 'function' },
  { id: 'durationP99', metricName: 'Duration', stat: 'p99', scope: 'function' },
  { id: 'concurrentMax', metricName: 'ConcurrentExecutions', stat: 'Maximum', scope: 'function' },
];

const lmiQueries: QuerySpec[] = [
  { id: 'envConcurrencyMax', metricName: 'ExecutionEnvironmentConcurrency', stat: 'Maximum', scope: 'lmi-function' },
  { id: 'envCpuSum', metricName: 'ExecutionEnvironmentCPUUtilization', stat: 'Sum', scope: 'lmi-function' },
  { id: 'envCpuCount', metricName: 'ExecutionEnvironmentCPUUtilization', stat: 'SampleCount', scope: 'lmi-function' },
  { id: 'vcpuAllocatedMax', metricName: 'vCPUAllocated', stat: 'Maximum', scope: 'capacity-provider' },
  { id: 'vcpuAllocatedAvg', metricName: 'vCPUAllocated', stat: 'Average', scope: 'capacity-provider' },
  { id: 'vcpuAvailableMax', metricName: 'vCPUAvailable', stat: 'Maximum', scope: 'capacity-provider' },
];

function dimensionsFor(access: CloudWatchAccess, scope: QuerySpec['scope']): Record<string, string> | null {
  switch (scope) {
    case 'function':
      return access.functionDimensions;
    case 'lmi-function': {
      // LMI publishes its per-version metrics with the capacity provider as a dimension too.
      const provider = access.capacityProviderDimensions?.['CapacityProviderName'];
      return provider === undefined ? access.functionDimensions : { CapacityProviderName: provider, ...access.functionDimensions };
    }
    case 'capacity-provider':
      return access.capacityProviderDimensions ?? null;
  }
}

export function levelQueries(access: CloudWatchAccess, mode: Mode, periodSec: number): MetricDataQuery[] {
  const specs = mode === 'lmi' ? [...standardQueries, ...lmiQueries] : standardQueries;
  return specs.flatMap((spec) => {
    const dimensions = dimensionsFor(access, spec.scope);
    if (!dimensions) return [];
    return [{
      Id: spec.id,
      MetricStat: {
        Metric: { Namespace: 'AWS/Lambda', MetricName: spec.metricName, Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) },
        Period: periodSec,
        Stat: spec.stat,
      },
      ReturnData: true,
    }];
  });
}

/** Datapoints per query id, merged across pages. */
export function collectDatapoints(pages: Array<MetricDataResult[] | undefined>): Map<string, Datapoint[]> {
  const points = new Map<string, Datapoint[]>();
  for (const results of pages) {
    for (const result of results ?? []) {
      if (!result.Id) continue;
      const list = points.get(result.Id) ?? [];
      (result.Timestamps ?? []).forEach((at, i) => {
        const value = result.Values?.[i];
        if (value !== undefined) list.push({ atMs: at.getTime(), value });
      });
      points.set(result.Id, list);
    }
  }
  return points;
}

/**
 * The level's summary from its datapoints: one period or several (see combine.ts).
 * `windowSec` is the span the query covered (whole periods), for CPU per request.
 */
export function summarize(points: Map<string, Datapoint[]>, mode: Mode, windowSec?: number): CloudWatchSummary {
  const get = (id: string): Datapoint[] => points.get(id) ?? [];
  const counts = get('durationCount');
  const average = averageOf(get('durationSum'), counts);
  const maximum = maxOf(get('durationMax'));
  const p50 = percentileOf(get('durationP50'), counts, 50);
  const p90 = percentileOf(get('durationP90'), counts, 90);
  const p99 = percentileOf(get('durationP99'), counts, 99);
  const summary: CloudWatchSummary = {
    invocations: sumOf(get('invocations')),
    errors: sumOf(get('errors')),
    throttles: sumOf(get('throttles')),
    // All five come from the same samples: either all are there or the window had no invocation.
    durationMs: average !== null && maximum !== null && p50 !== null && p90 !== null && p99 !== null ? { average, maximum, p50, p90, p99 } : null,
    concurrentExecutionsMax: maxOf(get('concurrentMax')),
  };
  if (mode === 'lmi') {
    summary.executionEnvironmentConcurrencyMax = maxOf(get('envConcurrencyMax'));
    summary.executionEnvironmentCpuUtilizationPct = averageOf(get('envCpuSum'), get('envCpuCount'));
    summary.vcpuAllocatedMax = maxOf(get('vcpuAllocatedMax'));
    summary.vcpuAvailableMax = maxOf(get('vcpuAvailableMax'));
    // Periods are equal in length, so the mean of per-period averages is the window's average.
    const allocated = get('vcpuAllocatedAvg');
    summary.vcpuAllocatedMean = allocated.length > 0 ? sumOf(allocated) / allocated.length : null;
    if (windowSec !== undefined) {
      summary.cpuSecondsPerRequest = cpuSecondsPerRequestFromCloudWatch({
        cpuUtilizationPct: summary.executionEnvironmentCpuUtilizationPct,
        vcpusAllocated: summary.vcpuAllocatedMean,
        windowSec,
        invocations: summary.invocations,
      });
    }
  }
  return summary;
}
