/**
 * The process groups a Node environment's handler started (see runtimes/child-groups.mjs): the
 * bootstrap writes each child's pid into a shared slot; here the engine kills those groups when
 * the environment is retired, and, as a last resort, when the engine's process exits (an
 * uncaught error skips the orderly stop; SIGINT and SIGTERM stop every environment first).
 * Reading shared memory needs no answer from the thread, which may be stuck in a loop or gone.
 */

/** Groups tracked per environment; AWS allows an environment 1,024 processes and threads. */
const slotsPerEnvironment = 1024;

const live = new Set<ChildGroups>();
let exitHookInstalled = false;

export class ChildGroups {
  readonly buffer = new SharedArrayBuffer(slotsPerEnvironment * Int32Array.BYTES_PER_ELEMENT);
  readonly #slots = new Int32Array(this.buffer);

  constructor() {
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // 'exit' runs synchronous code only: process.kill is.
      process.once('exit', () => {
        for (const groups of live) groups.killAll();
      });
    }
  }

  /** SIGKILL to every group still recorded; its threads cannot start more once they are terminated. */
  killAll(): void {
    for (let slot = 0; slot < this.#slots.length; slot++) {
      const pgid = Atomics.exchange(this.#slots, slot, 0);
      if (pgid <= 0) continue;
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }
  }

  /** Kills what is left and forgets this environment. */
  release(): void {
    this.killAll();
    live.delete(this);
  }
}
