// What a test run must not leave behind, for scripts/run-tests.mjs: lmi-bench-* temp entries
// (private temp folders are removed on every exit path, by the code and by the tests), and
// processes the run started that are still alive once it ends (Linux /proc).
//
// A process counts as the run's when its environment holds the run's marker (children inherit
// it, even once re-parented to init), or when it was seen descending from a lane while the lane
// ran (sampled twice a second: this also catches a child started with a bare environment that
// lived that long). A pid is told apart from a later reuse of it by its start time.
import { readdirSync, readFileSync } from 'node:fs';

const tempPrefix = 'lmi-bench-';

/** Names of the lmi-bench-* entries of temp folder `dir`. */
export function tempEntries(dir) {
  return new Set(readdirSync(dir).filter((name) => name.startsWith(tempPrefix)));
}

/** Entries in `after` that were not in `before`, sorted. */
export function newTempEntries(before, after) {
  return [...after].filter((name) => !before.has(name)).sort();
}

function readProcess(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return null; // ended; only waiting to be reaped
    return { pid, ppid: Number(fields[1]), startTicks: Number(fields[19]) };
  } catch {
    return null;
  }
}

function processTable() {
  let names;
  try {
    names = readdirSync('/proc');
  } catch {
    return []; // no /proc: nothing to check on this system
  }
  return names.filter((name) => /^\d+$/.test(name)).map((name) => readProcess(Number(name))).filter((p) => p !== null);
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '?';
  }
}

function hasMarker(pid, needle) {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(needle);
  } catch {
    return false;
  }
}

/** Records every process seen below the lanes' roots; `survivors` lists those still alive. */
export class ProcessWatch {
  #seen = new Map();
  #needle;

  /** `marker`: [NAME, value] put in every lane's environment. */
  constructor(marker) {
    this.#needle = `${marker[0]}=${marker[1]}`;
  }

  /** Adds the current descendants of `rootPid` (the root itself included) to what was seen. */
  sample(rootPid) {
    const table = processTable();
    const frontier = [rootPid];
    while (frontier.length > 0) {
      const parent = frontier.pop();
      for (const entry of table) {
        if (entry.pid !== parent && entry.ppid !== parent) continue;
        if (this.#seen.has(`${entry.pid}:${entry.startTicks}`)) continue;
        this.#seen.set(`${entry.pid}:${entry.startTicks}`, entry);
        if (entry.pid !== parent) frontier.push(entry.pid);
      }
    }
  }

  /** The run's processes alive now: seen below a lane, or carrying the marker. */
  survivors() {
    const alive = processTable().filter((entry) => entry.pid !== process.pid);
    return alive
      .filter((entry) => this.#seen.has(`${entry.pid}:${entry.startTicks}`) || hasMarker(entry.pid, this.#needle))
      .map((entry) => ({ pid: entry.pid, cmdline: commandLine(entry.pid) }));
  }
}
