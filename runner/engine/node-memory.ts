/**
 * The memory of a Node.js environment's process, as the engine counts it: PSS (proportional set
 * size, proc-stats.ts), in which the node binary's pages shared with the engine and the other
 * environments count once across them, where RSS would count ~32 MB of shared text per
 * environment.
 *
 * Cheap enough to watch many environments from the engine's event loop: PSS is a walk of every
 * mapping of the process (a millisecond or more for a node process, whose V8 reserves a large
 * address space), so it is read at most once a second, and only when asked or when the process
 * nears its limit. In between, RSS is read from /proc/<pid>/statm through a descriptor opened
 * once (one pread of a short line), less the shared part the last PSS reading measured.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { processPssBytes, processRssBytes } from './proc-stats.ts';

/** A PSS reading older than this is read again when asked. */
const pssMaxAgeMs = 1000;

export class ProcessMemory {
  readonly #pid: number;
  #statmFd: number | undefined;
  readonly #buffer = Buffer.alloc(128);
  /** Bytes per page of statm's counts, learned from VmRSS at the first reading. */
  #pageBytes = 4096;
  /** RSS − PSS at the last PSS reading: what the process shares with other processes. */
  #sharedBytes = 0;
  #pssBytes: number | undefined;
  #pssAtMs = -Infinity;

  constructor(pid: number) {
    this.#pid = pid;
    try {
      this.#statmFd = openSync(`/proc/${pid}/statm`, 'r');
    } catch {
      this.#statmFd = undefined;
    }
    const residentPages = this.#residentPages();
    const rss = processRssBytes(pid);
    if (residentPages !== undefined && residentPages > 0 && rss !== undefined) this.#pageBytes = Math.max(1024, Math.round(rss / residentPages / 1024) * 1024);
  }

  #residentPages(): number | undefined {
    if (this.#statmFd === undefined) return undefined;
    try {
      const length = readSync(this.#statmFd, this.#buffer, 0, this.#buffer.length, 0);
      const text = this.#buffer.toString('latin1', 0, length);
      const space = text.indexOf(' ');
      return Number(text.slice(space + 1, text.indexOf(' ', space + 1)));
    } catch {
      return undefined;
    }
  }

  /** PSS as of at most a second ago (read now if older), or undefined once the process is gone. */
  pssBytes(): number | undefined {
    const now = performance.now();
    if (now - this.#pssAtMs < pssMaxAgeMs) return this.#pssBytes;
    const rss = this.rssBytes();
    const pss = processPssBytes(this.#pid);
    this.#pssAtMs = now;
    this.#pssBytes = pss;
    if (pss !== undefined && rss !== undefined) this.#sharedBytes = Math.max(0, rss - pss);
    return pss;
  }

  rssBytes(): number | undefined {
    const pages = this.#residentPages();
    return pages === undefined ? undefined : pages * this.#pageBytes;
  }

  /**
   * The process's PSS as estimated from `rssBytes` (read now when not given): RSS less the shared
   * part last measured. Near `limitBytes` PSS itself is read (at most once a second), so a kill
   * never rests on a stale estimate of what is shared.
   */
  estimate(limitBytes: number, rssBytes = this.rssBytes()): number {
    if (rssBytes === undefined) return 0;
    const estimate = rssBytes - this.#sharedBytes;
    if (estimate <= limitBytes * 0.8) return estimate;
    this.pssBytes();
    return rssBytes - this.#sharedBytes;
  }

  close(): void {
    if (this.#statmFd !== undefined) closeSync(this.#statmFd);
    this.#statmFd = undefined;
  }
}
