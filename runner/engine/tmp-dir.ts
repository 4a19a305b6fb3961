/**
 * One /tmp per execution environment, as AWS gives every environment its own. The folder is
 * created when the environment starts and removed when it ends; a handler's literal `/tmp/...`
 * paths land in it, never in the host's /tmp.
 *
 * How a path reaches the folder depends on what runs the environment:
 *   - a process (Python): a private mount namespace with the folder bind-mounted over /tmp
 *     (`unshare --mount`, as root; `--user --map-root-user` with unprivileged user namespaces).
 *     Complete: every file API, child processes and native code see it.
 *   - a Node.js process: an environment of its own (isolation.ts: mount and pid namespaces, the
 *     folder bound over /tmp, its own /proc). Complete, children and /proc/self/root included.
 *   - a process where no namespace can be made: a path mapping of the file API, in the Python
 *     and Node.js bootstraps; child processes and native code see the host's /tmp.
 * `tmpIsolation()` says which applies, so run.json and the report can say when it is partial.
 */
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { runtimeRegistry, type Runtime, type TmpIsolationRule } from '../runtimes/registry.ts';
import type { TmpIsolationNote } from '../run/run-file.ts';
import { environmentTempDir } from './temp-folders.ts';
import { environmentIsolation } from './isolation.ts';

/** How a runtime's environments get their own /tmp on this machine. */
export type TmpIsolation =
  | { kind: 'mount-namespace'; complete: true; unshareArgs: string[] }
  | { kind: 'path-mapping'; complete: false; reason: string };

/** Environment variables the bootstraps read (see runtimes/*-bootstrap.*). */
export const tmpDirVariable = 'LMI_BENCH_TMP_DIR';
export const tmpModeVariable = 'LMI_BENCH_TMP_MODE';

const threadReason = 'Node.js environments are worker threads, which share the engine process mount namespace: /tmp paths of the fs API are mapped, child processes and native addons a handler starts see the host /tmp';

/** Set to 'path-mapping' to skip the namespace (how the fallback is tested on a machine that has one). */
export const tmpIsolationVariable = 'LMI_BENCH_TMP_ISOLATION';

let probed: TmpIsolation | undefined;

/** Probes once whether this machine lets a process have a private mount namespace. */
function processIsolation(): TmpIsolation {
  if (probed) return probed;
  if (process.env[tmpIsolationVariable] === 'path-mapping') {
    return (probed = { kind: 'path-mapping', complete: false, reason: `${tmpIsolationVariable}=path-mapping: /tmp paths of the Python file API are mapped, child processes and native code a handler starts see the host /tmp` });
  }
  const candidates = [
    ['--mount', '--propagation', 'private'],
    ['--user', '--map-root-user', '--mount', '--propagation', 'private'],
  ];
  for (const args of candidates) {
    const probe = spawnSync('unshare', [...args, 'true'], { stdio: 'ignore', timeout: 5000 });
    if (probe.status === 0) return (probed = { kind: 'mount-namespace', complete: true, unshareArgs: args });
  }
  probed = {
    kind: 'path-mapping',
    complete: false,
    reason: 'no private mount namespace could be made here (unshare --mount failed as this user, and with an unprivileged user namespace): /tmp paths of the Python file API are mapped, child processes and native code a handler starts see the host /tmp',
  };
  return probed;
}

const isolationByRule: Record<TmpIsolationRule, () => TmpIsolation> = {
  'path-mapping': () => ({ kind: 'path-mapping', complete: false, reason: threadReason }),
  'process-mount-namespace': processIsolation,
  'environment-namespaces': () => {
    const isolation = environmentIsolation();
    if (isolation.kind === 'namespaces') return { kind: 'mount-namespace', complete: true, unshareArgs: [] };
    return { kind: 'path-mapping', complete: false, reason: `${isolation.reason}: each Node.js environment is a process group of its own, /tmp paths of its fs API are mapped, and child processes and native addons a handler starts see the host /tmp` };
  },
  'tmpdir-variable': () => ({
    kind: 'path-mapping',
    complete: false,
    reason: 'Java and OS-only runtimes get the environment folder as TMPDIR (and java.io.tmpdir): code that honours it writes there, a literal /tmp path reaches the host /tmp',
  }),
};

/** The /tmp isolation a runtime's environments get on this machine (the registry's rule, probed once). */
export function tmpIsolation(runtime: Runtime): TmpIsolation {
  return isolationByRule[runtimeRegistry[runtime].tmpIsolation]();
}

/** The isolation a runtime's environments get here, as run.json states it. */
export function tmpIsolationNote(runtime: Runtime): TmpIsolationNote {
  const isolation = tmpIsolation(runtime);
  return isolation.kind === 'mount-namespace'
    ? { mechanism: isolation.kind, complete: true, note: 'each environment process has a private mount namespace with its own folder over /tmp' }
    : { mechanism: isolation.kind, complete: false, note: isolation.reason };
}

/**
 * Creates an environment's /tmp folder (under the engine's own temp root, temp-folders.ts, so
 * an engine that dies leaves nothing the next one does not clean); `removeTmpDir` deletes it
 * when the environment ends.
 */
export function createTmpDir(environmentId: string): Promise<string> {
  return environmentTempDir(environmentId);
}

export async function removeTmpDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 2 });
}
