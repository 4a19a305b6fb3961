/**
 * CPU time per request from Lambda Insights: the mean of `cpu_total_time` (namespace
 * LambdaInsights, dimension function_name; user plus system CPU per invocation, in ms) over the
 * window, weighted by sample counts. Standard Lambda's own metrics carry no CPU time, so this is
 * the one CloudWatch source of it; a function without the Insights extension has no datapoints
 * (null), and advise then shows the verdict across the CPU range.
 */
import { readMetricStats, type MetricAccess } from './metric-stats.ts';

export async function readInsightsCpuMs(access: MetricAccess, functionName: string, window: { startMs: number; endMs: number }): Promise<number | null> {
  const metric = { namespace: 'LambdaInsights', metricName: 'cpu_total_time', dimensions: [{ Name: 'function_name', Value: functionName }] };
  const values = await readMetricStats(access, functionName, metric, ['Average', 'SampleCount'], window);
  const counts = values['samplecount'] ?? [];
  const averages = values['average'] ?? [];
  const samples = counts.reduce((total, n) => total + n, 0);
  if (samples === 0 || averages.length !== counts.length) return null;
  return averages.reduce((total, average, i) => total + average * (counts[i] ?? 0), 0) / samples;
}
