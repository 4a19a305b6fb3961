// Process-table helpers for the bench tests (Linux /proc): which processes descend from a
// pid, and which carry an environment marker (children keep it even once re-parented).
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Start time in clock ticks since boot: tells a pid apart from a later reuse of it. */
  startTicks: number;
  cmdline: string;
}

function readEntry(pid: number): ProcessEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return null; // a zombie has ended; it only waits to be reaped
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid: Number(fields[1]), startTicks: Number(fields[19]), cmdline };
  } catch {
    return null;
  }
}

export function processTable(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readEntry(Number(name)))
    .filter((entry): entry is ProcessEntry => entry !== null);
}

export function descendantsOf(rootPid: number): ProcessEntry[] {
  const table = processTable();
  const found: ProcessEntry[] = [];
  const frontier = [rootPid];
  while (frontier.length > 0) {
    const parent = frontier.pop();
    for (const entry of table) {
      if (entry.ppid === parent) {
        found.push(entry);
        frontier.push(entry.pid);
      }
    }
  }
  return found;
}

/** Of the given processes, those still running (same pid and same start time). */
export function stillRunning(entries: ProcessEntry[]): ProcessEntry[] {
  return entries.filter((entry) => {
    const now = readEntry(entry.pid);
    return now !== null && now.startTicks === entry.startTicks;
  });
}

/** Processes whose environment holds NAME=value. */
export function withEnvMarker(name: string, value: string): ProcessEntry[] {
  const needle = `${name}=${value}`;
  return processTable().filter((entry) => {
    try {
      return readFileSync(`/proc/${entry.pid}/environ`, 'utf8').split('\0').includes(needle);
    } catch {
      return false;
    }
  });
}
