/**
 * An execution environment as a process tree of its own, isolated as AWS isolates one: its own
 * /tmp, its own /proc, and every process it starts ends with it.
 *
 * The environment's first process is started through a wrapper:
 *
 *   setpriv --pdeathsig KILL --                  the wrapper dies with the engine (even kill -9)
 *     unshare [--user --map-root-user]           a user namespace when not root
 *             --mount --propagation private      mounts of its own, never seen by the host
 *             --pid --fork --kill-child          its own pid namespace; the runtime is its pid 1
 *             --mount-proc                       a /proc that shows only its own processes
 *     sh -c <mount script> <env dir> <code dir> <runtime argv...>
 *
 * The mount script binds the environment's folder over /tmp. Another environment's folder (under
 * the host /tmp) is then reachable by no path: not /tmp, not /proc/self/root/tmp (the same
 * mount), not /proc/<pid>/root (the engine and other environments are not in this /proc). When
 * the function's code itself lies under /tmp (a folder of the user's, or a test's), the script
 * opens it before the bind and mounts it back at the same path inside the new /tmp, so the
 * handler loads from the path it was given.
 *
 * Ending: when pid 1 of a pid namespace exits, the kernel kills every process in it, children
 * that left the process group (setsid) included. --kill-child makes the runtime die with the
 * wrapper, and --pdeathsig makes the wrapper die with the engine. So killing the wrapper pid ends
 * the whole environment, and a dead engine leaves no process behind.
 *
 * Where no namespace can be made (no util-linux unshare, or unprivileged user namespaces
 * disabled), `environmentIsolation()` says so with the reason; callers then fall back to a
 * process group and a path mapping, and run.json says the isolation is partial.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type EnvironmentIsolation =
  | { kind: 'namespaces'; wrapper: readonly string[] }
  | { kind: 'none'; reason: string };

/** Set to 'path-mapping' to skip the namespaces (how the fallback is tested on a machine that has them). */
export const isolationOverrideVariable = 'LMI_BENCH_TMP_ISOLATION';

/**
 * Binds $1 (the environment's folder) over /tmp; when $2 (the code folder) is under /tmp,
 * mounts it back at its own path first opened as fd 9. `mount -c`: the source is the magic link
 * /proc/self/fd/9, which must reach the kernel as written, not canonicalised.
 */
const mountScript = [
  'set -e',
  'env_dir=$1; code_dir=$2; shift 2',
  'if [ -n "$code_dir" ]; then exec 9<"$code_dir"; fi',
  'mount --bind "$env_dir" /tmp',
  'if [ -n "$code_dir" ]; then mkdir -p "$code_dir"; mount -c --bind /proc/self/fd/9 "$code_dir"; exec 9<&-; fi',
  'exec "$@"',
].join('\n');

const namespaceArgs = ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', '--mount-proc'];

let probed: EnvironmentIsolation | undefined;

/** Probes once whether this machine can give an environment its own namespaces, as this user. */
export function environmentIsolation(): EnvironmentIsolation {
  if (probed) return probed;
  if (process.env[isolationOverrideVariable] === 'path-mapping') {
    return (probed = { kind: 'none', reason: `${isolationOverrideVariable}=path-mapping asked for no namespaces` });
  }
  const candidates = [namespaceArgs, ['--user', '--map-root-user', ...namespaceArgs]];
  const failures: string[] = [];
  for (const args of candidates) {
    const wrapper = ['setpriv', '--pdeathsig', 'KILL', '--', 'unshare', ...args, '--', 'sh', '-c', mountScript, 'lmi-bench-environment'];
    // The probe runs the real script on real folders: a machine where the bind mount fails
    // (no CAP_SYS_ADMIN in the namespace) is found here, not at the first environment.
    const probe = spawnSync(wrapper[0] as string, [...wrapper.slice(1), '/', '', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
    if (probe.status === 0) return (probed = { kind: 'namespaces', wrapper });
    failures.push(`${args.includes('--user') ? 'with a user namespace' : 'as this user'}: ${probeFailure(probe)}`);
  }
  return (probed = { kind: 'none', reason: `no private mount and pid namespace could be made here (${failures.join('; ')})` });
}

function probeFailure(probe: ReturnType<typeof spawnSync>): string {
  if (probe.error) return probe.error.message;
  const stderr = String(probe.stderr ?? '').trim().split('\n').at(-1);
  return stderr || `exit ${probe.status ?? probe.signal}`;
}

export interface IsolatedFolders {
  /** The environment's own folder, which becomes its /tmp. */
  tmpDir: string;
  /** The function's code folder: mounted back at its own path when it lies under /tmp. */
  codeDir: string;
}

/** The argv that starts `runtimeArgv` as the first process of an isolated environment. */
export function isolatedArgv(isolation: Extract<EnvironmentIsolation, { kind: 'namespaces' }>, folders: IsolatedFolders, runtimeArgv: readonly string[]): string[] {
  const codeUnderTmp = folders.codeDir === '/tmp' || folders.codeDir.startsWith('/tmp/');
  return [...isolation.wrapper, folders.tmpDir, codeUnderTmp ? folders.codeDir : '', ...runtimeArgv];
}

/**
 * The host pid of the runtime an isolated wrapper started (unshare's one child), once it has
 * forked; undefined before, or when /proc cannot tell. CPU and memory figures are read from it.
 */
export function isolatedRuntimePid(wrapperPid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${wrapperPid}/task/${wrapperPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length === 1 ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}
