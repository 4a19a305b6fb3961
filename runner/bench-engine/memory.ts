/** Resident memory of a process from /proc, for the per-environment memory figures. */
import { processRssBytes } from '../engine/proc-stats.ts';

export function rssBytesOf(pid: number): number {
  const rss = processRssBytes(pid);
  if (rss === undefined) throw new Error(`cannot read the resident memory of process ${pid}`);
  return rss;
}

/**
 * Memory one environment adds: growth of the engine's RSS divided by the environments added. A
 * garbage collection between the readings can shrink the RSS; an environment still costs the
 * engine nothing less than nothing, so a shrink counts as 0 (it printed as "-0.8 MiB of the
 * engine's growth" and made the per-environment total smaller than the process's own PSS).
 */
export function perEnvironmentBytes(beforeBytes: number, afterBytes: number, environmentsAdded: number): number {
  return environmentsAdded > 0 ? Math.max(0, afterBytes - beforeBytes) / environmentsAdded : Number.NaN;
}
