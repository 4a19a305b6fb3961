/**
 * How a Node.js environment's process is started: the command line, its file descriptors, and
 * the configuration its bootstrap reads (runtimes/node-bootstrap.mjs).
 *
 * Where the machine can make namespaces (isolation.ts), the process is the first of an
 * environment of its own: /tmp is the environment's folder by every path, its /proc shows only
 * its own processes, and killing the wrapper ends every process in it, setsid children
 * included; the wrapper dies with the engine, even on kill -9. Elsewhere it is the same node
 * process started detached, leading a process group the engine kills whole, with /tmp mapped in
 * the fs API of each serving thread (tmp-mapping.mjs): partial, and run.json says so.
 */
import { fileURLToPath } from 'node:url';
import type { StdioOptions } from 'node:child_process';
import { hostVariables } from './host-variables.ts';
import { environmentIsolation, isolatedArgv } from './isolation.ts';
import type { EnvironmentOptions } from './environment.ts';
import { maxResponseBytes } from './payload.ts';

const bootstrapPath = fileURLToPath(new URL('./runtimes/node-bootstrap.mjs', import.meta.url));

/** The variable the bootstrap reads its configuration from, and removes. */
const configVariable = 'LMI_BENCH_NODE_ENVIRONMENT';

/**
 * A result whose JSON is longer than this is refused by the bootstrap itself, as too large:
 * JSON escaping can double a body, so the front door's exact check of 6 MB stays the one that
 * decides for anything that could fit.
 */
export const maxResultChars = 3 * maxResponseBytes;

/** The fd the isolation wrapper's mount script uses for itself (isolation.ts), so never a channel. */
const wrapperScratchFd = 9;

export interface NodeProcessPlan {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  stdio: StdioOptions;
  /** The fd of each serving thread's channel in the process, in thread order. */
  channelFds: number[];
  /** Whether the process runs in namespaces of its own (else: a process group and a path mapping). */
  namespaces: boolean;
}

/** `count` descriptor numbers from 3 up, skipping the wrapper's own. */
function descriptorNumbers(count: number, from = 3): number[] {
  const fds: number[] = [];
  for (let fd = from; fds.length < count; fd++) if (fd !== wrapperScratchFd) fds.push(fd);
  return fds;
}

/**
 * The plan for one environment process of `threads` serving threads (`workers`: LMI, whose
 * threads are worker threads). `recordFds`: safety record files the engine opened, one per thread.
 */
export function planNodeProcess(options: EnvironmentOptions, tmpDir: string, threads: number, workers: boolean, recordFds: number[] | undefined): NodeProcessPlan {
  const { handler, functionName, memoryMb, codeDir, safetyRecordDir } = options;
  const isolation = environmentIsolation();
  const namespaces = isolation.kind === 'namespaces';
  const channelFds = descriptorNumbers(threads);
  const recordTargets = recordFds ? descriptorNumbers(recordFds.length, (channelFds.at(-1) as number) + 1) : [];
  const stdio: Array<'ignore' | 'pipe' | number> = ['ignore', 'pipe', 'pipe'];
  for (let fd = 3; fd <= Math.max(...channelFds, ...recordTargets); fd++) stdio.push('ignore');
  for (const fd of channelFds) stdio[fd] = 'pipe';
  recordTargets.forEach((fd, i) => (stdio[fd] = recordFds?.[i] as number));
  const config = {
    channelFds,
    workers,
    file: handler.file,
    exportName: handler.exportName,
    functionName,
    memoryMb,
    codeDir,
    maxResultBytes: maxResultChars,
    maxResponseBytes,
    // Each worker's share of the function's memory bounds its heap, as one thread's did.
    heapMbPerWorker: Math.max(16, Math.floor(memoryMb / threads)),
    tmpMapping: namespaces ? undefined : tmpDir,
    safety: safetyRecordDir === undefined ? undefined : { recordDir: safetyRecordDir, recordFds: recordTargets, worker: options.id, envTmpDir: namespaces ? '/tmp' : tmpDir },
  };
  // Standard Lambda's one thread gets the whole memory as its heap bound.
  const node = [process.execPath, ...(workers ? [] : [`--max-old-space-size=${Math.max(16, memoryMb)}`]), bootstrapPath];
  const argv = isolation.kind === 'namespaces' ? isolatedArgv(isolation, { tmpDir, codeDir }, node) : node;
  const env: NodeJS.ProcessEnv = { ...hostVariables(), TMPDIR: '/tmp', [configVariable]: JSON.stringify(config) };
  // Node options of the engine's own (a loader, say) are not the function's.
  delete env['NODE_OPTIONS'];
  return { command: argv[0] as string, args: argv.slice(1), env, stdio, channelFds, namespaces };
}
