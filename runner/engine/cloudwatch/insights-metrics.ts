/**
 * The Lambda Insights metric advise reads: `cpu_total_time` (namespace LambdaInsights, dimension
 * function_name), the CPU time (user plus system) of each invocation in milliseconds. On AWS it
 * exists only for functions with the Lambda Insights extension; the engine measures every
 * invocation's CPU, so it serves it for each function whose invocations ran alone on their
 * thread or process (the ones with a CPU reading).
 */
import type { Dimension } from './request.ts';
import { perRecord, type MetricSeries, type StoreView } from './lambda-metrics.ts';

export const insightsNamespace = 'LambdaInsights';

export function resolveInsightsMetric(view: StoreView, namespace: string, metricName: string, dimensions: Dimension[]): MetricSeries | null {
  if (namespace !== insightsNamespace || metricName !== 'cpu_total_time') return null;
  const [only, ...rest] = dimensions;
  if (only === undefined || rest.length > 0 || only.name !== 'function_name') return null;
  if (!view.store.functionNames().includes(only.value)) return null;
  return { unit: 'Milliseconds', samples: (buckets) => perRecord(view, [only.value], buckets, (record) => record.usage?.cpuMs ?? null) };
}
