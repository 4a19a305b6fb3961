/** CPU time and resident memory of a child process or a thread, read from Linux /proc. */
import { readFileSync } from 'node:fs';

/**
 * USER_HZ: the unit of utime/stime in /proc/<pid>/stat. The kernel fixes it at 100 for
 * every userspace ABI on Linux, whatever the internal tick rate is.
 */
/** USER_HZ: the unit of the tick fields of /proc stat files (100 on Linux). */
export const clockTicksPerSecond = 100;

/** utime + stime of a process in seconds, or undefined once the process is gone. */
export function processCpuSeconds(pid: number): number | undefined {
  return cpuSecondsFromStat(`/proc/${pid}/stat`);
}

/** utime + stime of one thread of this process (a worker thread's tid), in seconds. */
export function threadCpuSeconds(tid: number): number | undefined {
  return cpuSecondsFromStat(`/proc/${process.pid}/task/${tid}/stat`);
}

/**
 * The fields of a /proc stat file after the command name (field 3, state, first), or undefined
 * once the process or thread is gone. The name (field 2) may hold spaces and parentheses: the
 * fields start after the last ')'.
 */
export function statFields(path: string): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function cpuSecondsFromStat(path: string): number | undefined {
  const fields = statFields(path);
  if (!fields) return undefined;
  // utime is field 14, stime field 15.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return (utime + stime) / clockTicksPerSecond;
}

/** The "<Name>: <n> kB" lines read, compiled once: the memory watches read them many times a second. */
const kilobytesLines = { VmRSS: /^VmRSS:\s+(\d+) kB/m, Pss: /^Pss:\s+(\d+) kB/m } as const;

/** A "<Name>: <n> kB" line of a /proc file of `pid`, in bytes; undefined once the process is gone. */
function procKilobytesField(pid: number, file: 'status' | 'smaps_rollup', field: keyof typeof kilobytesLines): number | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
  const match = kilobytesLines[field].exec(text);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** VmRSS of a process in bytes, or undefined once the process is gone. */
export function processRssBytes(pid: number): number | undefined {
  return procKilobytesField(pid, 'status', 'VmRSS');
}

/**
 * Proportional set size of a process in bytes (Pss of /proc/<pid>/smaps_rollup), or undefined
 * once it is gone: each page shared by n processes counts 1/n. Node.js environments are
 * measured so: the ~32 MB of the node binary's text that every node process maps (the engine's
 * and every other environment's) would otherwise be counted once per environment by RSS. The
 * kernel walks every mapping to answer, so it is read at a sampling pace, not per invocation.
 */
export function processPssBytes(pid: number): number | undefined {
  return procKilobytesField(pid, 'smaps_rollup', 'Pss');
}
