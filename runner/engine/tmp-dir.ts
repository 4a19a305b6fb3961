/**
 * One /tmp per execution environment, as AWS gives every environment its own. The folder is
 * created when the environment starts and removed when it ends; a handler's literal `/tmp/...`
 * paths land in it, never in the host's /tmp.
 *
 * How a path reaches the folder depends on what runs the environment:
 *   - processes (Node.js, Python, Java, OS-only runtimes): mount and pid namespaces of their own,
 *     the folder bound over /tmp (isolation.ts). Complete: every file API, child processes and
 *     native code see it, and no other environment's folder is reachable by any path.
 *   - a process where no namespace can be made: Node.js and Python map the paths of their file
 *     API in the bootstrap; Java and OS-only runtimes get the folder as TMPDIR only.
 * `tmpIsolation()` says which applies, so run.json and the report can say when it is partial.
 */
import { rm } from 'node:fs/promises';
import { runtimeRegistry, type Runtime, type TmpIsolationRule } from '../runtimes/registry.ts';
import type { TmpIsolationNote } from '../run/run-file.ts';
import { environmentIsolation, type EnvironmentIsolation } from './isolation.ts';
import { environmentTempDir } from './temp-folders.ts';

/** How a runtime's environments get their own /tmp on this machine. */
export type TmpIsolation =
  | { kind: 'mount-namespace'; complete: true; namespaces: Extract<EnvironmentIsolation, { kind: 'namespaces' }> }
  | { kind: 'path-mapping'; complete: false; reason: string };

/** Environment variables the bootstraps read (see runtimes/*-bootstrap.*). */
export const tmpDirVariable = 'LMI_BENCH_TMP_DIR';
export const tmpModeVariable = 'LMI_BENCH_TMP_MODE';

/** Set to 'path-mapping' to skip the namespaces (how the fallback is tested on a machine that has them). */
export { isolationOverrideVariable as tmpIsolationVariable } from './isolation.ts';

/** What a process runtime's fallback leaves unisolated, by the runtime's rule. */
const processFallback: Record<TmpIsolationRule, string> = {
  'process-mount-namespace': '/tmp paths of the Python file API are mapped, child processes and native code a handler starts see the host /tmp, and /proc/<pid>/root reaches it',
  'process-namespace-or-tmpdir': 'the environment folder is only TMPDIR (and java.io.tmpdir): code that honours it writes there, a literal /tmp path reaches the host /tmp',
  'environment-namespaces': 'each Node.js environment is a process group of its own, /tmp paths of its fs API are mapped, child processes and native addons a handler starts see the host /tmp, and a setsid child leaves the group',
};

function processIsolation(rule: TmpIsolationRule): TmpIsolation {
  const isolation = environmentIsolation();
  if (isolation.kind === 'namespaces') return { kind: 'mount-namespace', complete: true, namespaces: isolation };
  return { kind: 'path-mapping', complete: false, reason: `${isolation.reason}: ${processFallback[rule]}` };
}

/** The /tmp isolation a runtime's environments get on this machine (the registry's rule, probed once). */
export function tmpIsolation(runtime: Runtime): TmpIsolation {
  return processIsolation(runtimeRegistry[runtime].tmpIsolation);
}

/** The isolation a runtime's environments get here, as run.json states it. */
export function tmpIsolationNote(runtime: Runtime): TmpIsolationNote {
  const isolation = tmpIsolation(runtime);
  return isolation.kind === 'mount-namespace'
    ? { mechanism: isolation.kind, complete: true, note: 'each environment runs in mount and pid namespaces of its own, with its own folder over /tmp and a /proc that shows only its processes' }
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
