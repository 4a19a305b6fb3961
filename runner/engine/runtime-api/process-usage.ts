/**
 * CPU and run-queue time of a runtime process, all its threads (a JVM's GC and compiler threads
 * included) and its children once reaped (a shell bootstrap's curl), read from Linux /proc:
 * per thread /proc/<pid>/task/<tid>/schedstat (field 1 time on a CPU, field 2 time runnable but
 * waiting, in ns) and the process's cutime + cstime (field 16-17 of /proc/<pid>/stat, clock
 * ticks). Threads that have exited are no longer counted: a difference over one invocation is
 * clamped at zero by the caller.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { clockTicksPerSecond, statFields } from '../proc-stats.ts';

export interface ProcessUsage {
  cpuSeconds: number;
  runQueueSeconds: number;
}

export function processUsage(pid: number): ProcessUsage | undefined {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const fields = statFields(`/proc/${pid}/stat`);
  if (!fields) return undefined;
  let cpuNs = 0;
  let waitNs = 0;
  for (const tid of tids) {
    try {
      const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      cpuNs += Number(onCpu);
      waitNs += Number(waiting);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  const childTicks = Number(fields[13]) + Number(fields[14]);
  return { cpuSeconds: cpuNs / 1e9 + (Number.isFinite(childTicks) ? childTicks / clockTicksPerSecond : 0), runQueueSeconds: waitNs / 1e9 };
}

/** utime + stime + cutime + cstime of a process, in seconds: the process and its reaped children. */
export function processTreeCpuSeconds(pid: number): number | undefined {
  const fields = statFields(`/proc/${pid}/stat`)?.slice(11, 15).map(Number);
  if (!fields || fields.some((f) => !Number.isFinite(f))) return undefined;
  return fields.reduce((a, b) => a + b, 0) / clockTicksPerSecond;
}
