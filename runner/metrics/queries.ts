/**
 * The GetMetricData queries of one level and how their results become a CloudWatchSummary.
 * One request carries all of them (CloudWatch bills per metric queried, not per request).
 */
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { Mode } from '../plan/plan.ts';
import type { CloudWatchSummary } from '../run/run-file.ts';
import type { CloudWatchAccess } from '../target/target.ts';

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
  { id: 'durationAvg', metricName: 'Duration', stat: 'Average', scope: 'function' },
  { id: 'durationMax', metricName: 'Duration', stat: 'Maximum', scope: 'function' },
  { id: 'durationP50', metricName: 'Duration', stat: 'p50', scope: 'function' },
  { id: 'durationP90', metricName: 'Duration', stat: 'p90', scope: 'function' },
  { id: 'durationP99', metricName: 'Duration', stat: 'p99', scope: 'function' },
  { id: 'concurrentMax', metricName: 'ConcurrentExecutions', stat: 'Maximum', scope: 'function' },
];

const lmiQueries: QuerySpec[] = [
  { id: 'envConcurrencyMax', metricName: 'ExecutionEnvironmentConcurrency', stat: 'Maximum', scope: 'lmi-function' },
  { id: 'envCpuAvg', metricName: 'ExecutionEnvironmentCPUUtilization', stat: 'Average', scope: 'lmi-function' },
  { id: 'vcpuAllocatedMax', metricName: 'vCPUAllocated', stat: 'Maximum', scope: 'capacity-provider' },
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
export function collectValues(pages: Array<MetricDataResult[] | undefined>): Map<string, number[]> {
  const values = new Map<string, number[]>();
  for (const results of pages) {
    for (const result of results ?? []) {
      if (!result.Id) continue;
      values.set(result.Id, [...(values.get(result.Id) ?? []), ...(result.Values ?? [])]);
    }
  }
  return values;
}

const total = (v: number[] | undefined): number => (v ?? []).reduce((a, b) => a + b, 0);

/** The window is one period, so each statistic has at most one datapoint; none means no data. */
function only(values: Map<string, number[]>, id: string): number | null {
  const v = values.get(id) ?? [];
  if (v.length > 1) throw new Error(`CloudWatch returned ${v.length} datapoints for '${id}' where one period was asked for`);
  return v[0] ?? null;
}

export function summarize(values: Map<string, number[]>, mode: Mode): CloudWatchSummary {
  const average = only(values, 'durationAvg');
  const maximum = only(values, 'durationMax');
  const p50 = only(values, 'durationP50');
  const p90 = only(values, 'durationP90');
  const p99 = only(values, 'durationP99');
  const summary: CloudWatchSummary = {
    invocations: total(values.get('invocations')),
    errors: total(values.get('errors')),
    throttles: total(values.get('throttles')),
    // All five come from the same samples: either all are there or the window had no invocation.
    durationMs: average !== null && maximum !== null && p50 !== null && p90 !== null && p99 !== null ? { average, maximum, p50, p90, p99 } : null,
    concurrentExecutionsMax: only(values, 'concurrentMax'),
  };
  if (mode === 'lmi') {
    summary.executionEnvironmentConcurrencyMax = only(values, 'envConcurrencyMax');
    summary.executionEnvironmentCpuUtilizationPct = only(values, 'envCpuAvg');
    summary.vcpuAllocatedMax = only(values, 'vcpuAllocatedMax');
    summary.vcpuAvailableMax = only(values, 'vcpuAvailableMax');
  }
  return summary;
}
