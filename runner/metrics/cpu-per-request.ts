/**
 * CPU seconds per request from CloudWatch, the same arithmetic on AWS and on the local engine:
 *
 *   ExecutionEnvironmentCPUUtilization (average %, of the environments' vCPUs)
 *     × vCPUs allocated to the environments (time average over the window)
 *     × window seconds ÷ Invocations.
 *
 * On AWS this is the only CPU measure there is; on the local engine its direct measure (thread
 * CPU time per request) is kept alongside as a cross-check. Pure.
 */
export interface CloudWatchCpuInputs {
  /** Average ExecutionEnvironmentCPUUtilization over the window, percent. */
  cpuUtilizationPct: number | null;
  /** Average vCPUAllocated over the window. */
  vcpusAllocated: number | null;
  /** Length of the window the averages and the invocations cover. */
  windowSec: number;
  invocations: number;
}

/** null when a figure is missing or nothing was invoked. */
export function cpuSecondsPerRequestFromCloudWatch(inputs: CloudWatchCpuInputs): number | null {
  const { cpuUtilizationPct, vcpusAllocated, windowSec, invocations } = inputs;
  if (cpuUtilizationPct === null || vcpusAllocated === null || !(invocations > 0) || !(windowSec > 0)) return null;
  return ((cpuUtilizationPct / 100) * vcpusAllocated * windowSec) / invocations;
}
