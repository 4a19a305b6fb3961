/**
 * The results folder: checked writable before a run starts (so a run never fails at the end,
 * after minutes of load, for want of a folder), and the run's own sub-folder named.
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

/** `20260314-101502-io-bound-node`: sortable, readable, and free within `outRoot`. */
export function defaultRunId(outRoot: string, workloadName: string, runtime: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  const name = workloadName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'workload';
  const base = `${stamp}-${name}-${runtime}`;
  let candidate = base;
  for (let n = 2; existsSync(join(outRoot, candidate)); n++) candidate = `${base}-${n}`;
  return candidate;
}
