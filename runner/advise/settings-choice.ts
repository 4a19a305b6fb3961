/**
 * The LMI settings advise proposes, each with its reason, from the workload's CPU share, and the
 * latency it expects on LMI. Pure.
 *
 * - Max concurrency per environment: the runtime's documented default per vCPU, capped at the
 *   requests that keep the environment's vCPUs busy without queueing (Little's law: vCPUs ×
 *   duration on LMI / CPU time per request). A 1.4 s all-CPU handler on one vCPU gets 1, not 64.
 * - GiB per vCPU: of LMI's 2, 4 and 8, the cheapest month for this traffic at this CPU time.
 * - Expected latency: without CPU contention a request takes its off-CPU time plus its CPU time
 *   at a full vCPU (standard Lambda runs the CPU part at its memory's share of a vCPU), so the
 *   mean, p50 and p99 scale by that ratio. With CPU time unknown it cannot be said.
 */
export interface ExpectedLatency {
  state: 'expected';
  /** Share of the request's time on LMI spent on CPU. */
  cpuShare: number;
  meanMs: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export type LatencyOnLmi = ExpectedLatency | { state: 'unknown'; why: 'cpu-unknown' | 'no-traffic' };

/** How a setting was arrived at, for the sentence that gives its reason. */
export type SettingReason =
  | { kind: 'given' }
  | { kind: 'deployed' }
  | { kind: 'runtime-default'; perVcpu: number; vcpus: number }
  | { kind: 'cpu-cap'; perVcpu: number; vcpus: number; cpuShare: number }
  | { kind: 'documented-default' }
  | { kind: 'cheapest-ratio'; tried: Array<{ gibPerVcpu: number; usdPerMonth: number }> };

export const gibPerVcpuChoices = [2, 4, 8] as const;

/** The most requests at once that keep `vcpus` busy without queueing: vCPUs over the CPU share. */
export function cpuBoundConcurrency(vcpus: number, cpuShare: number): number {
  if (cpuShare <= 0) return Number.POSITIVE_INFINITY;
  return Math.max(1, Math.ceil(vcpus / cpuShare));
}

/** A request's time on LMI with a full vCPU for its CPU part: its waits plus its CPU time. */
export function lmiDurationMs(meanDurationMs: number, cpuMs: number, lambdaVcpuShare: number): number {
  const offCpuMs = Math.max(0, meanDurationMs - cpuMs / lambdaVcpuShare);
  return offCpuMs + cpuMs;
}

export function expectedLatency(
  fn: { meanDurationMs: number; p50DurationMs?: number | null; p99DurationMs: number | null },
  cpuMs: number | null,
  lambdaVcpuShare: number,
): LatencyOnLmi {
  if (cpuMs === null) return { state: 'unknown', why: 'cpu-unknown' };
  if (fn.meanDurationMs <= 0) return { state: 'unknown', why: 'no-traffic' };
  const meanMs = lmiDurationMs(fn.meanDurationMs, cpuMs, lambdaVcpuShare);
  const scale = meanMs / fn.meanDurationMs;
  return {
    state: 'expected',
    cpuShare: Math.min(1, cpuMs / meanMs),
    meanMs,
    p50Ms: fn.p50DurationMs === undefined || fn.p50DurationMs === null ? null : fn.p50DurationMs * scale,
    p99Ms: fn.p99DurationMs === null ? null : fn.p99DurationMs * scale,
  };
}
