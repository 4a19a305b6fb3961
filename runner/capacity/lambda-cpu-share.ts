/**
 * Standard Lambda allocates CPU in proportion to memory: one vCPU's worth at 1,769 MB
 * (docs/lmi-facts.md). The one owner of that number: the engine's CPU utilisation of a standard
 * environment, the duration model, advise's CPU bounds and the load worker's memory read it here.
 */
export const lambdaMbPerVcpu = 1769;

/** vCPUs a standard Lambda function of this memory is entitled to (above 1 past 1,769 MB). */
export function lambdaVcpus(memoryMb: number): number {
  return memoryMb / lambdaMbPerVcpu;
}

/** Share of one vCPU a single-threaded handler gets at this memory: min(1, memory / 1,769). */
export function lambdaVcpuShare(memoryMb: number): number {
  return Math.min(1, lambdaVcpus(memoryMb));
}
