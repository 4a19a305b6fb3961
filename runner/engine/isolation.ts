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
 *     sh -c <mount script> <env dir> <n> <n kept folders> <runtime argv...>
 *
 * The mount script binds the environment's folder over /tmp. Another environment's folder (under
 * the host /tmp) is then reachable by no path: not /tmp, not /proc/self/root/tmp (the same
 * mount), not /proc/<pid>/root (the engine and other environments are not in this /proc). When
 * a folder the runtime must read lies under /tmp (the function's code in a folder of the
 * user's or a test's, the Java classes cache, safety's record folder), the script binds it at
 * its own relative path inside the environment's folder first, so it appears at the same path
 * inside the new /tmp, and the runtime loads from the path it was given. lmi-bench's own folder
 * (the bootstraps under runner/engine/runtimes, node_modules) is always such a folder: a clone or
 * an npx cache under /tmp must not hide the runtime's own files. The working folder is
 * looked up again after the mounts: one kept from before would still be on the host's /tmp,
 * and `..` from it would climb out.
 *
 * Ending: when pid 1 of a pid namespace exits, the kernel kills every process in it, children
 * that left the process group (setsid) included. --kill-child makes the runtime die with the
 * wrapper, and --pdeathsig makes the wrapper die with the engine. So killing the wrapper pid ends
 * the whole environment, and a dead engine leaves no process behind. Further processes of the
 * same environment (a Python LMI environment's other slots) join its namespaces with nsenter
 * (`joinedArgv`): they share its /tmp and /proc, and end when its pid 1 does.
 *
 * Where no namespace can be made (no util-linux unshare, or unprivileged user namespaces
 * disabled), `environmentIsolation()` says so with the reason; callers then fall back to a
 * process group and a path mapping, and run.json says the isolation is partial.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** lmi-bench's own folder: the runtimes' bootstraps and the packages they load live in it. */
const packageRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export type EnvironmentIsolation =
  | { kind: 'namespaces'; wrapper: readonly string[] }
  | { kind: 'none'; reason: string };

/** Set to 'path-mapping' to skip the namespaces (how the fallback is tested on a machine that has them). */
export const isolationOverrideVariable = 'LMI_BENCH_TMP_ISOLATION';

/**
 * Binds $1 (the environment's folder) over /tmp, after binding each of the $2 folders that
 * follow (all under /tmp) at its own path inside it. The binds exist only in the environment's
 * mount namespace: on the host the environment's folder holds at most their empty mount points.
 */
const mountScript = [
  'set -e',
  'env_dir=$1; count=$2; shift 2',
  'while [ "$count" -gt 0 ]; do',
  '  kept=$1; shift; count=$((count - 1))',
  '  mkdir -p "$env_dir${kept#/tmp}"',
  '  mount --bind "$kept" "$env_dir${kept#/tmp}"',
  'done',
  'mount --rbind "$env_dir" /tmp',
  'cd "$PWD" 2>/dev/null || cd /',
  'exec "$@"',
].join('\n');

/** $0 of the mount script: how a runtime still in it is told from one that has started. */
const environmentArgv0 = 'lmi-bench-environment';

const namespaceArgs = ['--mount', '--propagation', 'private', '--pid', '--fork', '--kill-child', '--mount-proc'];

/** Runs the rest of an argv as a process killed when the engine (its parent) dies, however it dies. */
const diesWithEngine = ['setpriv', '--pdeathsig', 'KILL', '--'];

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
    const wrapper = [...diesWithEngine, 'unshare', ...args, '--', 'sh', '-c', mountScript, environmentArgv0];
    // The probe runs the real script on real folders: a machine where the bind mount fails
    // (no CAP_SYS_ADMIN in the namespace) is found here, not at the first environment.
    const probe = spawnSync(wrapper[0] as string, [...wrapper.slice(1), '/', '0', 'true'], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
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
  /** Other folders the runtime reads (a classes cache, a record folder): kept at their paths too. */
  alsoKept?: readonly string[];
}

function underTmp(path: string): boolean {
  return path.startsWith('/tmp/');
}

/**
 * The folders under /tmp the environment keeps at their own paths: never /tmp itself nor a
 * folder holding the environment's own (that would bring every other environment's back).
 */
function keptFolders(folders: IsolatedFolders): string[] {
  const candidates = [folders.codeDir, ...(folders.alsoKept ?? []), packageRoot].map((dir) => resolve(dir));
  const tmpDir = resolve(folders.tmpDir);
  const kept = [...new Set(candidates)].filter((dir) => underTmp(dir) && tmpDir !== dir && !tmpDir.startsWith(`${dir}/`));
  // A folder inside another kept one comes with it (a workload of a clone under /tmp).
  return kept.filter((dir) => !kept.some((other) => dir.startsWith(`${other}/`)));
}

/** The argv that starts `runtimeArgv` as the first process of an isolated environment. */
export function isolatedArgv(isolation: Extract<EnvironmentIsolation, { kind: 'namespaces' }>, folders: IsolatedFolders, runtimeArgv: readonly string[]): string[] {
  const kept = keptFolders(folders);
  return [...isolation.wrapper, folders.tmpDir, String(kept.length), ...kept, ...runtimeArgv];
}

/**
 * The argv that starts `runtimeArgv` inside the namespaces of an environment already started
 * (whose runtime is host pid `runtimePid`): it shares that environment's /tmp and /proc, as the
 * processes of one Python LMI environment share them. It ends with that environment: when the
 * environment's first process (pid 1 of its namespace) exits, the kernel kills it; setpriv's
 * pdeathsig ends nsenter with the engine.
 */
export function joinedArgv(isolation: Extract<EnvironmentIsolation, { kind: 'namespaces' }>, runtimePid: number, runtimeArgv: readonly string[]): string[] {
  const user = isolation.wrapper.includes('--user') ? ['--user'] : [];
  return [...diesWithEngine, 'nsenter', '--target', String(runtimePid), ...user, '--mount', '--pid', '--', ...runtimeArgv];
}

/**
 * The host pid of the runtime an isolated wrapper started (unshare's or nsenter's one child),
 * once it has forked; undefined before, or when /proc cannot tell. CPU and memory figures are
 * read from it.
 */
export function isolatedRuntimePid(wrapperPid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${wrapperPid}/task/${wrapperPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length === 1 ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the runtime has finished the mount script (it has exec'd the runtime's own command):
 * a process joining its namespaces before then would see the host's /tmp until the bind.
 */
export function isolatedRuntimeStarted(runtimePid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${runtimePid}/cmdline`, 'utf8').split('\0');
    return argv.length > 1 && !(argv[0] === 'sh' && argv[3] === environmentArgv0);
  } catch {
    return false;
  }
}
