/**
 * A Python execution environment. Standard Lambda: one python3 process. LMI: one OS process
 * per concurrent slot (the documented Python model), all of them sharing one /tmp folder of the
 * environment, because real LMI slots share the environment's /tmp. Where the machine allows
 * namespaces (isolation.ts), the first slot process starts the environment's mount and pid
 * namespaces (its /tmp, its /proc) and the others join them, so the slots share one /tmp and
 * see no other environment; else the bootstrap maps /tmp paths (tmp-dir.ts).
 * CPU and memory are read from python itself (the wrapper's child): CPU as its own plus its
 * reaped children's (a handler's subprocess counts, as it does on AWS), memory as its RSS.
 * Each process runs runtimes/python-bootstrap.py, which imports the handler once and serves
 * one invocation at a time over line-delimited JSON on fds 3 and 4, a channel the handler and
 * its subprocesses cannot write to; their stdout and stderr go to the environment's log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { EnvironmentBase, InitError, type EnvironmentOptions, type InvokeOutcome } from './environment.ts';
import { HandlerLog } from './handler-log.ts';
import { hostVariables } from './host-variables.ts';
import { protocolLineReader } from './line-reader.ts';
import { processRssBytes } from './proc-stats.ts';
import { processTreeCpuSeconds } from './runtime-api/process-usage.ts';
import { isolatedArgv, isolatedRuntimePid, isolatedRuntimeStarted, joinedArgv } from './isolation.ts';
import { pythonCommand, pythonInterpreter } from '../system/python-interpreter.ts';
import { sleep } from '../system/sleep.ts';
import { exitErrorType, memoryLimitBytes, outOfMemoryErrorType, outOfMemoryMessage } from './runtime-exit.ts';
import { removeTmpDir, tmpDirVariable, tmpIsolation, tmpModeVariable, type TmpIsolation } from './tmp-dir.ts';

const bootstrapPath = fileURLToPath(new URL('./runtimes/python-bootstrap.py', import.meta.url));

/**
 * The bootstrap refuses results over Lambda's 6 MB payload limit itself; a longer line can
 * only be something other than the bootstrap writing on the channel (the margin covers JSON
 * escaping and the usage figures around a result that fits).
 */
const maxProtocolLineBytes = 16 * 1024 * 1024;

/**
 * How often the environment's resident memory (the sum over its processes, from /proc) is
 * compared with the function's memory, besides at every result.
 */
const memoryWatchIntervalMs = 100;

/** How often a joining slot looks whether the first slot's mounts are made. */
const leaderPollMs = 5;

/** How one slot process is started: python itself, or python inside the environment's namespaces. */
interface SlotLaunch {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  wrapped: boolean;
}

/** The slot process's variables: /tmp is the environment's (namespaces), or mapped to it by the bootstrap. */
function slotEnvironment(options: EnvironmentOptions, tmpDir: string, isolation: TmpIsolation['kind'], worker: string): NodeJS.ProcessEnv {
  const { safetyRecordDir } = options;
  return {
    ...hostVariables(),
    // tempfile answers '/tmp' as on AWS.
    TMPDIR: '/tmp',
    [tmpDirVariable]: tmpDir,
    [tmpModeVariable]: tmpModes[isolation],
    PYTHONDONTWRITEBYTECODE: '1',
    ...(safetyRecordDir === undefined ? {} : { LMI_BENCH_SAFETY_DIR: safetyRecordDir, LMI_BENCH_SAFETY_WORKER: worker }),
  };
}

/** What the bootstrap does about /tmp (tmp_isolation.py): nothing in namespaces, else map the paths. */
const tmpModes: Record<TmpIsolation['kind'], string> = { 'mount-namespace': 'namespace', 'path-mapping': 'map' };

type ProcessMessage =
  | { t: 'ready'; initMs: number }
  | { t: 'init-error'; message: string }
  | ({ id: number; t?: undefined } & InvokeOutcome);

/** One python3 process: serves one invocation at a time. */
class SlotProcess {
  readonly child: ChildProcess;
  readonly #requests: Writable;
  pending: ((outcome: InvokeOutcome) => void) | undefined;
  /** The request the process is serving, while it serves one. */
  requestId: string | undefined;
  lastCpuSeconds = 0;
  /** Resident memory as last read. */
  rssBytes = 0;
  /** Why the engine ended this process, reported instead of its exit status. */
  failure: string | undefined;
  failureType: string | undefined;
  #onReady: ((message: ProcessMessage) => void) | undefined;

  /** Whether `child` is a namespace wrapper (isolation.ts) rather than python itself. */
  readonly #wrapped: boolean;
  #runtimePid: number | undefined;

  constructor(launch: SlotLaunch, log: HandlerLog, onFirst: (message: ProcessMessage) => void) {
    const [command, ...args] = launch.argv;
    this.#wrapped = launch.wrapped;
    this.child = spawn(command as string, args, {
      env: launch.env,
      // fd 0: nothing to read; fds 1-2: the log; fd 3: requests in; fd 4: responses out.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      // A process group of its own: whatever the handler starts (subprocess, os.system) is in
      // it and ends with the environment, as an AWS environment's processes end with it. In
      // namespaces, children that leave the group (setsid) end with the pid namespace too.
      detached: true,
    });
    this.#onReady = onFirst;
    const [, stdout, stderr, requests, responses] = this.child.stdio as [null, Readable, Readable, Writable, Readable];
    this.#requests = requests;
    // A dead process's pipes fail (EPIPE, ECONNRESET); its exit is what reports it.
    for (const stream of [stdout, stderr, requests, responses]) stream.on('error', () => undefined);
    stdout.on('data', (chunk: Buffer) => log.append(chunk));
    stderr.on('data', (chunk: Buffer) => log.append(chunk));
    const reader = protocolLineReader<ProcessMessage>(maxProtocolLineBytes, (message) => this.#receive(message), (reason) => this.fail(reason));
    responses.on('data', (chunk: Buffer) => reader.push(chunk));
  }

  #receive(message: ProcessMessage): void {
    if (this.failure !== undefined) return;
    if (this.#onReady) {
      const first = this.#onReady;
      this.#onReady = undefined;
      first(message);
    } else if (message.t === undefined && this.pending) {
      const resolve = this.pending;
      this.pending = undefined;
      const { id: _id, t: _t, usage, ...outcome } = message;
      resolve(usage ? { ...outcome, usage } : outcome);
    }
  }

  /** Ends a process that broke the protocol or its memory: that environment's failure, not the engine's. */
  fail(reason: string, errorType?: string): void {
    if (this.failure !== undefined) return;
    this.failure = reason;
    this.failureType = errorType;
    killGroup(this.child);
  }

  /** The host pid of python itself (the wrapper's child in namespaces), once it exists. */
  runtimePid(): number | undefined {
    if (!this.#wrapped) return this.child.pid;
    if (this.#runtimePid === undefined && this.child.pid !== undefined) this.#runtimePid = isolatedRuntimePid(this.child.pid);
    return this.#runtimePid;
  }

  readRss(): number {
    const pid = this.runtimePid();
    const rss = pid === undefined ? undefined : processRssBytes(pid);
    if (rss !== undefined) this.rssBytes = rss;
    return this.rssBytes;
  }

  send(id: number, event: unknown, requestId: string, deadlineMs: number): void {
    this.requestId = requestId;
    this.#requests.write(JSON.stringify({ id, event, deadlineMs, requestId }) + '\n');
  }
}

export class PythonEnvironment extends EnvironmentBase {
  readonly runtime = 'python' as const;
  readonly #processes: SlotProcess[] = [];
  readonly #idle: SlotProcess[] = [];
  #nextId = 0;
  #cpuSecondsOfExited = 0;
  #memoryWatch: NodeJS.Timeout | undefined;
  /** The environment ended on its own (a crash, an out-of-memory kill), not by an orderly stop. */
  #died = false;
  /** In namespaces: the slot process whose namespaces the others join (pid 1 of the environment). */
  #leader: SlotProcess | undefined;
  #slotsStarted = 0;
  /** The interpreter the slots run (system/python-interpreter.ts), known once start() asked for it. */
  #python = pythonCommand;

  /** The environment's /tmp folder, shared by its slot processes. */
  get tmpDir(): string | undefined {
    return this.tmpFolder;
  }

  async start(): Promise<number> {
    this.#python = (await pythonInterpreter())?.path ?? pythonCommand;
    const initDurationMs = await this.startUnits(this.slots, (tmpDir, log) => this.#spawnSlot(tmpDir, log));
    this.#watchMemory();
    return initDurationMs;
  }


  async #spawnSlot(tmpDir: string, log: HandlerLog): Promise<void> {
    const index = this.#slotsStarted++;
    const isolation = tmpIsolation('python');
    const python = [this.#python, '-u', bootstrapPath, this.options.handler.file, this.options.handler.exportName, this.options.functionName, String(this.options.memoryMb)];
    const env = slotEnvironment(this.options, tmpDir, isolation.kind, `${this.id}-${index}`);
    if (isolation.kind === 'path-mapping') return this.#runSlot({ argv: python, env, wrapped: false }, log);
    if (index === 0) {
      const folders = { tmpDir, codeDir: this.options.codeDir, alsoKept: this.options.safetyRecordDir === undefined ? [] : [this.options.safetyRecordDir] };
      return this.#runSlot({ argv: isolatedArgv(isolation.namespaces, folders, python), env, wrapped: true }, log, (slot) => (this.#leader = slot));
    }
    // The other slots share the first one's /tmp and /proc: they join its namespaces once its
    // mounts are made, so none of them sees the host's /tmp even for a moment.
    const leaderPid = await this.#leaderStarted();
    if (this.state !== 'initializing') throw new InitError('environment stopped during init');
    return this.#runSlot({ argv: joinedArgv(isolation.namespaces, leaderPid, python), env, wrapped: true }, log);
  }

  /** The host pid of the first slot's python once it runs (its mount script is done). */
  async #leaderStarted(): Promise<number> {
    for (;;) {
      const leader = this.#leader;
      if (this.state !== 'initializing' || (leader && (leader.child.exitCode !== null || leader.child.signalCode !== null))) {
        throw new InitError('the environment\'s first process ended before the others could join it');
      }
      const pid = leader?.runtimePid();
      if (pid !== undefined && isolatedRuntimeStarted(pid)) return pid;
      await sleep(leaderPollMs);
    }
  }

  #runSlot(launch: SlotLaunch, log: HandlerLog, onCreated?: (slot: SlotProcess) => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      // Tracked from the moment it exists, so stopping a starting environment ends it too.
      const slot: SlotProcess = new SlotProcess(launch, log, (message) => {
        settled = true;
        if (message.t === 'ready') {
          this.#idle.push(slot);
          resolve();
        } else {
          reject(new InitError(message.t === 'init-error' ? message.message : 'the runtime sent an unexpected first message'));
        }
      });
      onCreated?.(slot);
      this.#processes.push(slot);
      slot.child.once('error', (error) => {
        if (!settled) {
          settled = true;
          reject(new InitError(`cannot start ${this.#python}: ${error.message}`));
        }
      });
      slot.child.once('exit', (code, signal) => {
        if (!settled) {
          settled = true;
          reject(new InitError(slot.failure ?? `the runtime exited during init (${signal ?? `code ${code}`})`));
          return;
        }
        this.#slotExited(slot, slot.failure ?? `Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`);
      });
    });
  }

  invoke(event: unknown, requestId: string, deadlineMs: number): Promise<InvokeOutcome> {
    const slot = this.state === 'ready' ? this.#idle.pop() : undefined;
    if (!slot) return Promise.resolve({ ok: false, message: 'no free runtime process in the environment' });
    this.inFlight++;
    return new Promise<InvokeOutcome>((resolve) => {
      const settle = (outcome: InvokeOutcome): void => {
        // The invocation that took the environment over its memory fails with it, as on Lambda:
        // its outcome comes from the kill.
        if (slot.failure === undefined && this.#overMemory(slot)) {
          slot.pending = settle;
          this.#outOfMemory();
          return;
        }
        slot.requestId = undefined;
        this.inFlight--;
        if (this.state === 'ready') this.#idle.push(slot);
        resolve(outcome);
      };
      slot.pending = settle;
      slot.send(this.#nextId++, event, requestId, deadlineMs);
    });
  }

  /** Resident memory of the environment over the function's: `fresh` is re-read, the others as last read. */
  #overMemory(fresh?: SlotProcess): boolean {
    let total = 0;
    for (const slot of this.#processes) total += slot === fresh ? slot.readRss() : slot.rssBytes;
    return total > memoryLimitBytes(this.options.memoryMb);
  }

  /** Lambda kills an environment over its memory: every process, each invocation reported as Runtime.OutOfMemory. */
  #outOfMemory(): void {
    for (const slot of this.#processes) slot.fail(outOfMemoryMessage(slot.requestId), outOfMemoryErrorType);
  }

  #watchMemory(): void {
    this.#memoryWatch = setInterval(() => {
      if (this.state !== 'ready') return;
      for (const slot of this.#processes) slot.readRss();
      if (this.#overMemory()) this.#outOfMemory();
    }, memoryWatchIntervalMs);
    this.#memoryWatch.unref();
  }

  #slotExited(slot: SlotProcess, message: string): void {
    this.#cpuSecondsOfExited += slot.lastCpuSeconds;
    const index = this.#processes.indexOf(slot);
    if (index !== -1) this.#processes.splice(index, 1);
    const idleIndex = this.#idle.indexOf(slot);
    if (idleIndex !== -1) this.#idle.splice(idleIndex, 1);
    const pending = slot.pending;
    slot.pending = undefined;
    const wasReady = this.state === 'ready';
    if (wasReady) {
      // A crashed slot process breaks the environment: the pool replaces it as a whole.
      this.state = 'dead';
      if (this.#memoryWatch) clearInterval(this.#memoryWatch);
    }
    // An orderly stop fails what is pending plainly; a death (this slot's, or the pool stopping
    // an environment that died) reports why the runtime ended.
    if (wasReady) this.#died = true;
    pending?.({ ok: false, message, ...(this.state === 'stopping' && !this.#died ? {} : { errorType: slot.failureType ?? exitErrorType }) });
    if (wasReady) {
      // The others end too; those serving an invocation were told why (an out-of-memory kill).
      if (slot.failureType === outOfMemoryErrorType) this.#outOfMemory();
      void this.#killAll();
      this.onDeath?.(this, message);
    }
  }

  cpuSeconds(): number {
    let total = this.#cpuSecondsOfExited;
    for (const slot of this.#processes) {
      const pid = slot.runtimePid();
      const seconds = pid === undefined ? undefined : processTreeCpuSeconds(pid);
      if (seconds !== undefined) slot.lastCpuSeconds = seconds;
      total += slot.lastCpuSeconds;
    }
    return total;
  }

  rssBytes(): number | undefined {
    let total = 0;
    for (const slot of this.#processes) {
      const pid = slot.runtimePid();
      total += (pid === undefined ? undefined : processRssBytes(pid)) ?? 0;
    }
    return total;
  }

  async #killAll(): Promise<void> {
    const exits = this.#processes.map(
      (slot) =>
        new Promise<void>((resolve) => {
          // No pid: the spawn itself failed, and no 'exit' will come.
          if (slot.child.pid === undefined || slot.child.exitCode !== null || slot.child.signalCode !== null) return resolve();
          slot.child.once('exit', () => resolve());
          killGroup(slot.child);
        }),
    );
    await Promise.all(exits);
  }

  async stop(): Promise<void> {
    if (this.state === 'stopping') return;
    this.state = 'stopping';
    if (this.#memoryWatch) clearInterval(this.#memoryWatch);
    this.cpuSeconds();
    await this.#killAll();
    this.handlerLog?.close();
    await removeTmpDir(this.tmpFolder);
    this.state = 'dead';
  }
}

/**
 * SIGKILL to the environment's whole process group (it was spawned detached, so it leads one):
 * the handler's own children die with it. The process alone when the group is already gone.
 */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
