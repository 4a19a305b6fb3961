/** Resident memory of a process from /proc, for the per-environment memory figures. */
import { processRssBytes } from '../engine/proc-stats.ts';

export function rssBytesOf(pid: number): number {
  const rss = processRssBytes(pid);
  if (rss === undefined) throw new Error(`cannot read the resident memory of process ${pid}`);
  return rss;
}

/** Memory one environment adds: growth of the engine's RSS divided by the environments added. */
export function perEnvironmentBytes(beforeBytes: number, afterBytes: number, environmentsAdded: number): number {
  return environmentsAdded > 0 ? (afterBytes - beforeBytes) / environmentsAdded : Number.NaN;
}
