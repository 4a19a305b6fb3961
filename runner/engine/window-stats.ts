/** WindowStats of one function over one window, computed from the MetricsStore. */
import type { MetricsStore } from './metrics-store.ts';
import type { CapacityPoint, WindowStats } from './protocol.ts';

/** Time-weighted mean of `instances` over [startMs, endMs); the first point may precede the window. */
export function timeWeightedInstances(points: CapacityPoint[], startMs: number, endMs: number): number {
  const spanMs = endMs - startMs;
  if (spanMs <= 0 || points.length === 0) return 0;
  let weighted = 0;
  for (let i = 0; i < points.length; i++) {
    const point = points[i] as CapacityPoint;
    const from = Math.max(point.atMs, startMs);
    const to = Math.min(points[i + 1]?.atMs ?? endMs, endMs);
    if (to > from) weighted += point.instances * (to - from);
  }
  return weighted / spanMs;
}

export function windowStats(store: MetricsStore, functionName: string, startMs: number, endMs: number): WindowStats {
  const records = store.invocations(functionName, startMs, endMs);
  let ok = 0;
  let errors = 0;
  let timeouts = 0;
  let throttled = 0;
  const initDurationsMs: number[] = [];
  const environments = new Set<string>();
  const usage = { invocations: 0, wallMs: 0, cpuMs: 0, runQueueMs: 0 };
  const errorTypes: Record<string, number> = {};
  for (const r of records) {
    if (r.errorType !== undefined) errorTypes[r.errorType] = (errorTypes[r.errorType] ?? 0) + 1;
    if (r.status === 'ok' && r.usage) {
      usage.invocations++;
      usage.wallMs += r.usage.wallMs;
      usage.cpuMs += r.usage.cpuMs;
      usage.runQueueMs += r.usage.runQueueMs;
    }
    if (r.status === 'ok') ok++;
    else if (r.status === 'error') errors++;
    else if (r.status === 'timeout') timeouts++;
    else throttled++;
    if (r.initDurationMs !== undefined) initDurationsMs.push(r.initDurationMs);
    if (r.environmentId !== undefined) environments.add(r.environmentId);
  }
  const timeline = store.capacity(functionName, startMs, endMs);
  const cpuSeconds = store.cpuSamples(functionName, startMs, endMs).reduce((sum, s) => sum + s.cpuSeconds, 0);
  return {
    startMs,
    endMs,
    invocations: ok + errors + timeouts,
    ok,
    errors,
    timeouts,
    throttled,
    coldStarts: initDurationsMs.length,
    initDurationsMs,
    environmentsUsed: environments.size,
    environmentsMax: timeline.reduce((max, p) => Math.max(max, p.environments), 0),
    instancesMax: timeline.reduce((max, p) => Math.max(max, p.instances), 0),
    instancesMean: timeWeightedInstances(timeline, startMs, endMs),
    cpuSeconds,
    ...(usage.invocations > 0 ? { usage } : {}),
    ...(Object.keys(errorTypes).length > 0 ? { errorTypes } : {}),
    timeline,
  };
}
