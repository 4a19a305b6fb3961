// Processes a Node handler starts end with its environment, as on AWS. The environment is a
// worker thread inside the engine's process, so a child the handler spawns is the engine's
// child and would outlive the environment (a 14 s bench left 255 `sleep 600` behind). Every
// asynchronous child (spawn, exec, execFile, fork all go through ChildProcess.prototype.spawn)
// starts detached, leading its own process group, and its pid is written to a slot of a
// SharedArrayBuffer the engine reads (one per environment, shared by its threads): the engine kills those groups when it retires the
// environment, synchronously, even when this thread is stuck or already terminated (see
// ../child-groups.ts). The sync variants need nothing: they finish before they return.
import { ChildProcess } from 'node:child_process';

/** @param {SharedArrayBuffer} buffer one Int32 slot per tracked process group, 0 = free */
export function trackChildGroups(buffer) {
  const slots = new Int32Array(buffer);
  const original = ChildProcess.prototype.spawn;
  ChildProcess.prototype.spawn = function spawnInOwnGroup(options) {
    const slot = reserveSlot(slots);
    if (slot === -1) {
      // AWS caps an environment's processes and threads at 1,024; a slot per group keeps that bound.
      throw new Error(`this environment already runs ${slots.length} process groups (Lambda allows 1,024 processes and threads)`);
    }
    if (options && typeof options === 'object') options.detached = true;
    let result;
    try {
      result = original.call(this, options);
    } finally {
      const pid = this.pid;
      if (typeof pid === 'number' && pid > 0) {
        Atomics.store(slots, slot, pid);
        // The slot is freed once the whole group is gone, so a reused pid is never killed later.
        this.once('exit', () => {
          if (!groupAlive(pid)) Atomics.compareExchange(slots, slot, pid, 0);
        });
      } else {
        Atomics.store(slots, slot, 0);
      }
    }
    return result;
  };
}

/** A free slot, marked taken (-1) until the pid is known; the environment's threads share the slots. */
function reserveSlot(slots) {
  for (let slot = 0; slot < slots.length; slot++) {
    if (Atomics.load(slots, slot) === 0 && Atomics.compareExchange(slots, slot, 0, -1) === 0) return slot;
  }
  return -1;
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
