/**
 * A Node.js execution environment: one node process, a process tree of its own (node-process.ts),
 * as AWS runs one:
 *   - standard Lambda: the process's main thread imports the handler and runs it;
 *   - LMI: one worker thread per vCPU of the environment (AWS_LAMBDA_NODEJS_WORKER_COUNT
 *     overrides it), each with its own module instance, as AWS's Node.js LMI runtime runs them.
 *     Concurrent invocations on one thread share its event loop and module state; a synchronous
 *     handler serves one request at a time per thread. The threads share the environment's /tmp.
 * Each serving thread has its own channel to the engine (node-channel.ts). The handler's stdout
 * and stderr, and those of the processes it starts, are the process's fds 1 and 2: they go to
 * the environment's capped log (handler-log.ts), never through the engine's own stdout.
 *
 * Accounting, read from /proc of the environment's runtime process:
 *   - CPU: utime + stime of the process (all its threads);
 *   - memory: PSS (proportional set size, proc-stats.ts), so the node binary's pages shared with
 *     the engine and every other environment count once across them, not ~32 MB per environment
 *     as RSS would. Over the function's memory the environment is killed as Lambda kills one
 *     (Runtime.OutOfMemory), the invocation that crossed the line included: the bootstrap sends
 *     the process's RSS with a result when its heap grew, and the engine subtracts the shared
 *     part it last measured; a timer re-reads the process in between.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Socket } from 'node:net';
import { processCpuSeconds } from './proc-stats.ts';
import { ProcessMemory } from './node-memory.ts';
import { EnvironmentBase, InitError, type InvokeOutcome } from './environment.ts';
import type { HandlerLog } from './handler-log.ts';
import { isolatedRuntimePid } from './isolation.ts';
import { NodeChannel, type ThreadMessage } from './node-channel.ts';
import { maxResultChars, planNodeProcess } from './node-process.ts';
import { removeTmpDir } from './tmp-dir.ts';
import { exitErrorType, memoryLimitBytes, outOfMemoryErrorType, outOfMemoryMessage } from './runtime-exit.ts';

/** How often the process's memory is compared with the function's between results. */
const memoryWatchIntervalMs = 250;
/** The bootstrap's exit status when a worker thread ran out of V8 heap (node-bootstrap.mjs). */
const workerOutOfMemoryExitCode = 86;
/** JSON of a result as long as the bootstrap allows, in UTF-8 at its widest. */
const maxLineBytes = maxResultChars * 3 + 1024;

interface Pending {
  channel: NodeChannel;
  requestId: string;
  resolve: (outcome: InvokeOutcome) => void;
}

export class NodeEnvironment extends EnvironmentBase {
  readonly runtime = 'node' as const;
  readonly #pending = new Map<number, Pending>();
  readonly #channels: NodeChannel[] = [];
  #child: ChildProcess | undefined;
  /** The node process (inside the namespaces, the wrapper's child), once known. */
  #runtimePid: number | undefined;
  #nextId = 0;
  #lastCpuSeconds = 0;
  #memory: ProcessMemory | undefined;
  #watch: NodeJS.Timeout | undefined;

  /** Serving threads of the environment (1 for standard Lambda). */
  get threadCount(): number {
    return this.options.threads ?? 1;
  }

  async start(): Promise<number> {
    const initDurationMs = await this.startUnits(1, (tmpDir, log) => this.#startProcess(tmpDir, log));
    // PSS is read when asked or near the limit only: a fresh node process takes milliseconds to walk.
    if (this.#runtimePid !== undefined) this.#memory = new ProcessMemory(this.#runtimePid);
    this.#watch = setInterval(() => this.#watchMemory(), memoryWatchIntervalMs);
    this.#watch.unref();
    return initDurationMs;
  }

  #startProcess(tmpDir: string, log: HandlerLog): Promise<void> {
    const workers = this.options.computeType === 'lmi';
    const recordFds = this.options.safetyRecordDir === undefined ? undefined : this.#openRecordFiles(this.options.safetyRecordDir);
    const plan = planNodeProcess(this.options, tmpDir, this.threadCount, workers, recordFds);
    // Detached: without namespaces the process leads the group killed with it; with them, the
    // wrapper is not in the engine's group, so a Ctrl-C to the terminal reaches the engine alone.
    const child = spawn(plan.command, plan.args, { env: plan.env, stdio: plan.stdio, detached: true });
    for (const fd of recordFds ?? []) closeSync(fd);
    this.#child = child;
    if (!plan.namespaces) this.#runtimePid = child.pid;
    const stdout = child.stdio[1] as Readable;
    const stderr = child.stdio[2] as Readable;
    for (const stream of [stdout, stderr]) {
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => log.append(chunk));
    }
    return new Promise<void>((resolve, reject) => {
      let waiting = this.threadCount;
      let starting = true;
      const fail = (message: string): void => {
        if (!starting) return;
        starting = false;
        reject(new InitError(message));
      };
      for (const fd of plan.channelFds) {
        const channel = new NodeChannel(child.stdio[fd] as Socket, maxLineBytes, workers, (message) => {
          if (!starting) return this.#receive(channel, message);
          if (message.t === 'ready') {
            if (--waiting > 0) return;
            starting = false;
            this.#runtimePid ??= child.pid === undefined ? undefined : isolatedRuntimePid(child.pid);
            resolve();
          } else {
            fail(message.t === 'init-error' ? message.message : 'the runtime sent an unexpected first message');
          }
        }, (reason) => (starting ? fail(reason) : this.#die(reason, exitErrorType)));
        this.#channels.push(channel);
      }
      child.once('error', (error) => fail(`cannot start node: ${error.message}`));
      child.once('exit', (code, signal) => {
        if (starting) return fail(`the runtime exited during init (${signal ?? `code ${code}`})`);
        // An orderly stop answers what is pending itself.
        if (this.state === 'stopping') return;
        if (code === workerOutOfMemoryExitCode) return this.#die(undefined, outOfMemoryErrorType);
        this.#die(`Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}`, exitErrorType);
      });
    });
  }

  /** One append-only record file per serving thread, opened here: the environment may not reach the folder. */
  #openRecordFiles(dir: string): number[] {
    return Array.from({ length: this.threadCount }, (_, i) => openSync(`${dir}/node-${this.id}-${i}.jsonl`, 'a'));
  }

  invoke(event: unknown, requestId: string, deadlineMs: number): Promise<InvokeOutcome> {
    if (this.state !== 'ready') return Promise.resolve({ ok: false, message: 'environment is not running' });
    // The least busy thread takes it, as the runtime's dispatcher spreads work over its workers.
    let channel = this.#channels[0] as NodeChannel;
    for (const candidate of this.#channels) if (candidate.inFlight < channel.inFlight) channel = candidate;
    const id = this.#nextId++;
    this.inFlight++;
    channel.inFlight++;
    return new Promise<InvokeOutcome>((resolve) => {
      this.#pending.set(id, { channel, requestId, resolve });
      channel.send({ id, event, deadlineMs, requestId });
    });
  }

  #receive(channel: NodeChannel, message: ThreadMessage): void {
    if (message.t !== undefined) return;
    // The invocation that took the environment over its memory fails with it, as on Lambda.
    if (message.rssBytes !== undefined && this.#overMemory(message.rssBytes)) return this.#die(undefined, outOfMemoryErrorType);
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    this.inFlight--;
    channel.inFlight--;
    const outcome: InvokeOutcome = message.ok ? { ok: true, result: message.result } : { ok: false, message: message.message };
    if (!message.ok && message.errorType !== undefined && !outcome.ok) outcome.errorType = message.errorType;
    if (message.usage) outcome.usage = message.usage;
    pending.resolve(outcome);
  }

  /** Over the function's memory, by the process's PSS (estimated from `rssBytes` when given, else read now). */
  #overMemory(rssBytes?: number): boolean {
    const limit = memoryLimitBytes(this.options.memoryMb);
    return this.#memory !== undefined && this.#memory.estimate(limit, rssBytes) > limit;
  }

  #watchMemory(): void {
    if (this.state === 'ready' && this.#overMemory()) this.#die(undefined, outOfMemoryErrorType);
  }

  /**
   * Ends the environment; its pending invocations fail with `message`, or, for an
   * out-of-memory kill (message undefined), with Lambda's wording naming each request.
   */
  #die(message: string | undefined, errorType?: string): void {
    if (this.state === 'dead') return;
    const wasStopping = this.state === 'stopping';
    this.#lastCpuSeconds = this.cpuSeconds();
    this.state = 'dead';
    if (this.#watch) clearInterval(this.#watch);
    this.#memory?.close();
    for (const { resolve, requestId } of this.#pending.values()) {
      const outcome: InvokeOutcome = { ok: false, message: message ?? outOfMemoryMessage(requestId) };
      if (errorType !== undefined && !wasStopping) outcome.errorType = errorType;
      resolve(outcome);
    }
    this.#pending.clear();
    this.inFlight = 0;
    this.#kill();
    for (const channel of this.#channels) channel.close();
    void removeTmpDir(this.tmpFolder);
    this.handlerLog?.close();
    if (!wasStopping) this.onDeath?.(this, message ?? outOfMemoryMessage(undefined));
  }

  /** SIGKILL to the wrapper (namespaces: the kernel ends everything in them) or to the process group. */
  #kill(): void {
    const pid = this.#child?.pid;
    if (pid === undefined || this.#child?.exitCode !== null || this.#child.signalCode !== null) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      this.#child.kill('SIGKILL');
    }
  }

  cpuSeconds(): number {
    if (this.state === 'dead' || this.#runtimePid === undefined) return this.#lastCpuSeconds;
    // The process's own utime + stime: real CPU time, which stays honest when more environments
    // than cores compete (the time a thread waited for a core is not in it).
    this.#lastCpuSeconds = processCpuSeconds(this.#runtimePid) ?? this.#lastCpuSeconds;
    return this.#lastCpuSeconds;
  }

  /** The process's PSS (read at most once a second; see node-memory.ts). */
  rssBytes(): number | undefined {
    if (this.state === 'dead') return undefined;
    return this.#memory?.pssBytes();
  }

  async stop(): Promise<void> {
    if (this.state === 'dead' || this.state === 'stopping') return;
    this.#lastCpuSeconds = this.cpuSeconds();
    this.state = 'stopping';
    const child = this.#child;
    const exited = child && child.pid !== undefined && child.exitCode === null && child.signalCode === null ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : undefined;
    this.#kill();
    await exited;
    await removeTmpDir(this.tmpFolder);
    this.#die('environment stopped');
  }
}
