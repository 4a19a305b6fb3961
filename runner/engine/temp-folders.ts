/**
 * The engine's temp folders. Everything the engine writes on the machine's temp disk (each
 * environment's /tmp, its handler logs) lives under ONE root folder per engine process:
 *
 *   <os tmpdir>/lmi-bench-engine-<pid>-<random>/
 *     owner.json                 { pid, startTicks }: which process owns the folder
 *     env/<environment id>-<random>/   an environment's TMPDIR
 *     logs/<environment id>.log        an environment's handler output
 *
 * The engine removes its root when it stops (and, as a last resort, when its process exits).
 * A root whose owner is gone (a `kill -9`, a crash) is stale: the next `engine` removes it at
 * start. The owner is named by pid AND the kernel's start time of that pid, so a pid reused by
 * an unrelated process does not keep a stale folder alive.
 *
 * One engine per process (the `engine` command), so the root is process-wide state.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statFields } from './proc-stats.ts';

export const engineTempPrefix = 'lmi-bench-engine-';
const ownerFile = 'owner.json';

interface Owner {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); null where /proc is missing. */
  startTicks: number | null;
}

function startTicksOf(pid: number): number | null {
  // Fields after the command name start at field 3; starttime is field 22.
  const ticks = Number(statFields(`/proc/${pid}/stat`)?.[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

function isAlive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user; still alive.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.startTicks === null) return true;
  const now = startTicksOf(owner.pid);
  return now === null || now === owner.startTicks;
}

let root: string | undefined;
let exitHookInstalled = false;

/** This engine's root temp folder, created (with its owner marker) on first use. */
export function engineTempRoot(): string {
  if (root !== undefined) return root;
  const created = mkdtempSync(join(tmpdir(), `${engineTempPrefix}${process.pid}-`));
  const owner: Owner = { pid: process.pid, startTicks: startTicksOf(process.pid) };
  writeFileSync(join(created, ownerFile), JSON.stringify(owner) + '\n');
  root = created;
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // Last resort for exits that skip the orderly stop (an uncaught error): 'exit' runs sync code only.
    process.once('exit', removeEngineTempRoot);
  }
  return created;
}

/** A fresh folder for one environment's TMPDIR under the engine's root. */
export function environmentTempDir(environmentId: string): Promise<string> {
  const parent = join(engineTempRoot(), 'env');
  mkdirSync(parent, { recursive: true });
  return mkdtemp(join(parent, `${environmentId}-`));
}

/** Where one environment's handler log goes (the folder exists; the file is created by its writer). */
export function environmentLogPath(environmentId: string): string {
  const parent = join(engineTempRoot(), 'logs');
  mkdirSync(parent, { recursive: true });
  return join(parent, `${environmentId}.log`);
}

/** Removes this engine's root folder and everything in it. Idempotent; never throws. */
export function removeEngineTempRoot(): void {
  const current = root;
  root = undefined;
  if (current === undefined) return;
  try {
    rmSync(current, { recursive: true, force: true });
  } catch {
    // A folder that cannot be removed now is stale for the next engine to clean.
  }
}

/**
 * Removes the root folders of engines that are no longer running, and returns their paths.
 * Folders without a readable owner marker are left alone: they may be an engine's that is
 * still creating its root, or not the engine's at all.
 */
export function removeStaleEngineTempFolders(parent: string = tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(engineTempPrefix)) continue;
    const folder = join(parent, name);
    if (folder === root) continue;
    let owner: Owner;
    try {
      const parsed = JSON.parse(readFileSync(join(folder, ownerFile), 'utf8')) as Partial<Owner>;
      if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) continue;
      owner = { pid: parsed.pid, startTicks: typeof parsed.startTicks === 'number' ? parsed.startTicks : null };
    } catch {
      continue;
    }
    if (isAlive(owner)) continue;
    try {
      rmSync(folder, { recursive: true, force: true });
      removed.push(folder);
    } catch {
      // Owned by another user, or in use: not ours to force.
    }
  }
  return removed;
}
