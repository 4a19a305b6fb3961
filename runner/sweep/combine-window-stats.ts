/**
 * A level's window stats as the sum of its trials' own windows. The level runs its trials one
 * after another with a wait between them (the drain: the last requests of a trial finish before
 * the next starts); one window from the first trial's start to the last one's end would count
 * that wait as measured time (the mean instance count over idle seconds, for one). So each
 * trial's window is asked for apart, and the figures are combined here: counts and CPU summed,
 * maxima of maxima, the mean instance count weighted by each window's length, the timelines
 * side by side.
 */
import type { CapacityPoint, WindowStats } from '../engine/protocol.ts';

export function combineWindowStats(windows: WindowStats[]): WindowStats {
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) throw new Error('combineWindowStats needs at least one window');
  if (windows.length === 1) return first;
  const total = (pick: (stats: WindowStats) => number): number => windows.reduce((sum, stats) => sum + pick(stats), 0);
  const largest = (pick: (stats: WindowStats) => number): number => Math.max(...windows.map(pick));
  const spanMs = total((stats) => stats.endMs - stats.startMs);
  const combined: WindowStats = {
    startMs: first.startMs,
    endMs: last.endMs,
    invocations: total((stats) => stats.invocations),
    ok: total((stats) => stats.ok),
    errors: total((stats) => stats.errors),
    timeouts: total((stats) => stats.timeouts),
    throttled: total((stats) => stats.throttled),
    coldStarts: total((stats) => stats.coldStarts),
    initDurationsMs: windows.flatMap((stats) => stats.initDurationsMs),
    // Environments may serve several trials: the largest count of one window, not a sum.
    environmentsUsed: largest((stats) => stats.environmentsUsed),
    environmentsMax: largest((stats) => stats.environmentsMax),
    instancesMax: largest((stats) => stats.instancesMax),
    instancesMean: spanMs > 0 ? total((stats) => stats.instancesMean * (stats.endMs - stats.startMs)) / spanMs : 0,
    cpuSeconds: total((stats) => stats.cpuSeconds),
    timeline: mergeTimelines(windows.map((stats) => stats.timeline)),
  };
  const usages = windows.flatMap((stats) => (stats.usage ? [stats.usage] : []));
  if (usages.length > 0) {
    combined.usage = {
      invocations: usages.reduce((sum, u) => sum + u.invocations, 0),
      wallMs: usages.reduce((sum, u) => sum + u.wallMs, 0),
      cpuMs: usages.reduce((sum, u) => sum + u.cpuMs, 0),
      runQueueMs: usages.reduce((sum, u) => sum + u.runQueueMs, 0),
    };
  }
  const errorTypes: Record<string, number> = {};
  for (const stats of windows) for (const [type, n] of Object.entries(stats.errorTypes ?? {})) errorTypes[type] = (errorTypes[type] ?? 0) + n;
  if (Object.keys(errorTypes).length > 0) combined.errorTypes = errorTypes;
  return combined;
}

/** The windows' capacity points in time order, each point once (a window repeats the point before it). */
function mergeTimelines(timelines: CapacityPoint[][]): CapacityPoint[] {
  const byTime = new Map<number, CapacityPoint>();
  for (const timeline of timelines) for (const point of timeline) byTime.set(point.atMs, point);
  return [...byTime.values()].sort((a, b) => a.atMs - b.atMs);
}
