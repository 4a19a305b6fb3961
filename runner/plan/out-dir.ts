/**
 * The results folder: checked writable before a run starts (so a run never fails at the end,
 * after minutes of load, for want of a folder), the run's own sub-folder named, and claimed
 * exclusively when the run starts.
 */
import { existsSync, mkdirSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.ts';

const runIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Creates `outRoot` if needed, writes and removes a probe file, then removes every folder it
 * created: the check leaves the disk as it found it. `label` names the flag in the message.
 */
export function checkOutWritable(outRoot: string, label: string): void {
  if (existsSync(outRoot) && !statSync(outRoot).isDirectory()) throw new UsageError(`${label} ${outRoot} is a file, not a folder`);
  const created: string[] = [];
  for (let dir = outRoot; !existsSync(dir); dir = dirname(dir)) created.push(dir);
  const probe = join(outRoot, `.lmi-bench-write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    // One level at a time: Node 20's recursive mkdir spins forever when the kernel answers
    // ENOENT for a parent that exists (/proc, some FUSE mounts).
    for (const dir of [...created].reverse()) mkdirSync(dir);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`${label} ${outRoot} is not writable (${code})`);
  } finally {
    for (const dir of created) {
      try {
        rmdirSync(dir);
      } catch {
        // Never created (mkdir failed part-way) or no longer empty because someone else wrote there.
      }
    }
  }
}

export function validateRunId(runId: string, label: string): string {
  if (!runIdPattern.test(runId)) throw new UsageError(`${label} must be 1-128 letters, digits, '.', '_' or '-' starting with a letter or digit, got '${runId}'`);
  return runId;
}

/**
 * `20260314-101502-io-bound-node`: sortable, readable, and free within `outRoot` when planned.
 * Free is not yet taken: two runs planned in the same second get the same id, and only
 * claimRunFolder, at the start of the run, makes it the run's own.
 */
export function defaultRunId(outRoot: string, workloadName: string, runtime: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  const name = workloadName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workload';
  const base = `${stamp}-${name}-${runtime}`;
  let candidate = base;
  for (let n = 2; existsSync(join(outRoot, candidate)); n++) candidate = `${base}-${n}`;
  return candidate;
}

/**
 * Makes `outRoot/runId` the run's own: the folder is created without `recursive`, so exactly
 * one process succeeds for a name, however many start in the same second. A default id that
 * another run took first gets the next free suffix (-2, -3, ...); an id the user chose is an
 * error instead, because whoever chose it (a script, `check`) will look for the run there.
 * Returns the id the run got.
 */
export function claimRunFolder(outRoot: string, runId: string, chosenBy: 'user' | 'default', label: string): string {
  makeParents(outRoot);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? runId : `${runId}-${n}`;
    try {
      mkdirSync(join(outRoot, candidate));
      return candidate;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UsageError(`cannot create the run folder ${join(outRoot, candidate)} (${code ?? (error as Error).message})`);
      if (chosenBy === 'user') throw new UsageError(`${label} ${runId} already exists in ${outRoot}: pick another`);
    }
  }
}

/** Creates `dir` and its missing parents one level at a time (see checkOutWritable). */
function makeParents(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (error) {
      // Another run made it between the check and here: what matters is that it exists.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new UsageError(`cannot create ${d} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
}
