/**
 * An execution environment whose runtime speaks the Lambda Runtime API (Java, OS-only runtimes):
 * one process, started with the documented environment variables (variables.ts) and its own
 * Runtime API listener (server.ts). It is ready at its first GET /next. Standard Lambda: one
 * invocation at a time, with the process's CPU over that invocation as its usage. LMI: up to
 * the maximum concurrency at once; CPU is apportioned over each window's invocations from the
 * process's samples, as for the other runtimes. Over the function's memory (resident, read
 * from /proc) the process is killed as Lambda kills one (Runtime.OutOfMemory).
 * The process runs in mount and pid namespaces of its own (isolation.ts): its /tmp is the
 * environment's folder (a literal /tmp path, java.io.File included, lands there), its /proc shows
 * only its processes, and everything it starts ends with it, the engine's death included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { EnvironmentBase, InitError, type EnvironmentOptions, type InvokeOutcome } from '../environment.ts';
import type { HandlerLog } from '../handler-log.ts';
import { hostVariables } from '../host-variables.ts';
import { functionArn } from '../lambda-api/configuration.ts';
import { processRssBytes } from '../proc-stats.ts';
import { exitErrorType, memoryLimitBytes, outOfMemoryErrorType, outOfMemoryMessage } from '../runtime-exit.ts';
import { removeTmpDir, tmpIsolation } from '../tmp-dir.ts';
import { isolatedArgv, isolatedRuntimePid } from '../isolation.ts';
import { errorMessage } from '../../system/error-message.ts';
import type { Launcher } from './process-launch.ts';
import type { Runtime } from '../../runtimes/registry.ts';
import { processTreeCpuSeconds, processUsage, type ProcessUsage } from './process-usage.ts';
import { RuntimeApiServer, type RuntimeAnswer } from './server.ts';
import { runtimeVariables } from './variables.ts';

const memoryWatchIntervalMs = 100;
/** The start of the runtime's output kept to explain an init failure in one line. */
const outputHeadBytes = 4096;
/** Errors the engine or the Runtime API diagnosed, kept as the invocation's errorType. */
const diagnosedTypes = new Set(['RequestEntityTooLarge', exitErrorType, outOfMemoryErrorType, 'Runtime.Unavailable']);

export class RuntimeApiEnvironment extends EnvironmentBase {
  readonly runtime: Runtime;
  readonly #launcher: Launcher;
  #server: RuntimeApiServer | undefined;
  #child: ChildProcess | undefined;
  /** Whether #child is a namespace wrapper (isolation.ts) rather than the runtime itself. */
  #wrapped = false;
  #runtimePid: number | undefined;
  #outputHead = '';
  #lastCpuSeconds = 0;
  #memoryWatch: NodeJS.Timeout | undefined;
  /** Why the engine ended the process (out of memory), reported instead of its exit status. */
  #failure: { message: string; errorType: string } | undefined;
  /** Standard Lambda: the process's usage when each invocation was handed out. */
  readonly #usageAtHandOut = new Map<string, { usage: ProcessUsage; atMs: number }>();

  constructor(options: EnvironmentOptions, launcher: Launcher) {
    super(options);
    this.runtime = options.handler.runtime;
    this.#launcher = launcher;
  }

  get #standard(): boolean {
    return this.instanceId === 'standard';
  }

  async start(): Promise<number> {
    const initDurationMs = await this.startUnits(1, (tmpDir, log) => this.#launch(tmpDir, log));
    this.#watchMemory();
    return initDurationMs;
  }

  async #launch(tmpDir: string, log: HandlerLog): Promise<void> {
    let settle: { resolve: () => void; reject: (error: InitError) => void } | undefined;
    const started = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    const server = new RuntimeApiServer(this.slots, {
      onFirstNext: () => settle?.resolve(),
      onInitError: (error) => settle?.reject(new InitError(`${error.errorType}: ${error.errorMessage}`)),
      onHandedOut: (requestId) => this.#handedOut(requestId),
    });
    this.#server = server;
    const runtimeApi = await server.listen();
    const { options } = this;
    const isolation = tmpIsolation(this.runtime);
    // In namespaces the folder is /tmp itself; the host path would not exist there.
    const runtimeTmpDir = isolation.kind === 'mount-namespace' ? '/tmp' : tmpDir;
    let launch;
    try {
      launch = await this.#launcher({ handler: options.handler, memoryMb: options.memoryMb, tmpDir: runtimeTmpDir, label: basename(options.codeDir) });
    } catch (error) {
      throw new InitError(errorMessage(error));
    }
    if (this.state !== 'initializing') throw new InitError('environment stopped during init');
    const variables = runtimeVariables({
      runtimeApi,
      handler: options.handler.exportName,
      taskRoot: launch.taskRoot,
      functionName: options.functionName,
      memoryMb: options.memoryMb,
      environmentId: this.id,
      ...(launch.executionEnv === undefined ? {} : { executionEnv: launch.executionEnv }),
      ...(this.#standard ? {} : { maxConcurrency: this.slots }),
      tmpDir: runtimeTmpDir,
      startedAtMs: this.startedAtMs,
    });
    const argv = isolation.kind === 'mount-namespace' ? isolatedArgv(isolation.namespaces, { tmpDir, codeDir: launch.taskRoot, alsoKept: launch.readFolders }, [launch.command, ...launch.args]) : [launch.command, ...launch.args];
    this.#wrapped = isolation.kind === 'mount-namespace';
    // Its own process group, so ending the environment ends what the bootstrap started (curl...);
    // in namespaces, what left the group (setsid) ends with the pid namespace.
    const child = spawn(argv[0] as string, argv.slice(1), { cwd: launch.taskRoot, env: { ...hostVariables(), ...variables }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.#child = child;
    for (const stream of [child.stdout, child.stderr] as Readable[]) {
      stream.on('error', () => undefined);
      stream.on('data', (chunk: Buffer) => {
        log.append(chunk);
        if (this.state === 'initializing' && this.#outputHead.length < outputHeadBytes) this.#outputHead += chunk.toString('utf8').slice(0, outputHeadBytes);
      });
    }
    child.once('error', (error) => settle?.reject(new InitError(`cannot start ${launch.command}: ${error.message}`)));
    child.once('exit', (code, signal) => {
      const status = signal ? `signal: ${signal}` : `exit status ${code}`;
      // The init error the runtime posted, if any, is the better reason: let it land first.
      setImmediate(() => settle?.reject(new InitError(`the runtime exited during init (${status})${this.#firstOutputLine()}`)));
      this.#exited(this.#failure?.message ?? `Runtime exited with error: ${status}`);
    });
    await started;
  }

  /** The runtime's first words (the JVM's "Unrecognized VM option", an exception), past the JVM's "Picked up" notices. */
  #firstOutputLine(): string {
    const line = this.#outputHead
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('Picked up '));
    return line === undefined ? '' : `: ${line.slice(0, 300)}`;
  }

  /**
   * The host pid of the runtime itself (the wrapper's child in namespaces), once it exists: CPU
   * is read from it with its reaped children (a bootstrap's curl counts, as on AWS), memory as its RSS.
   */
  #pid(): number | undefined {
    const pid = this.#child?.pid;
    if (!this.#wrapped || pid === undefined) return pid;
    this.#runtimePid ??= isolatedRuntimePid(pid);
    return this.#runtimePid;
  }

  #handedOut(requestId: string): void {
    const pid = this.#pid();
    const usage = this.#standard && pid !== undefined ? processUsage(pid) : undefined;
    if (usage) this.#usageAtHandOut.set(requestId, { usage, atMs: performance.now() });
  }

  invoke(event: unknown, requestId: string, deadlineMs: number): Promise<InvokeOutcome> {
    const server = this.#server;
    if (this.state !== 'ready' || !server) return Promise.resolve({ ok: false, message: 'the environment is not ready' });
    this.inFlight++;
    const invocation = { requestId, body: JSON.stringify(event), deadlineMs, invokedFunctionArn: functionArn(this.options.functionName) };
    return server.invoke(invocation).then((answer) => {
      this.inFlight--;
      const outcome = toOutcome(answer);
      const usage = this.#usage(requestId);
      return usage ? { ...outcome, usage } : outcome;
    });
  }

  #usage(requestId: string): InvokeOutcome['usage'] {
    const start = this.#usageAtHandOut.get(requestId);
    this.#usageAtHandOut.delete(requestId);
    const pid = this.#pid();
    const end = start && pid !== undefined ? processUsage(pid) : undefined;
    if (!start || !end) return undefined;
    return {
      wallMs: performance.now() - start.atMs,
      cpuMs: Math.max(0, end.cpuSeconds - start.usage.cpuSeconds) * 1000,
      runQueueMs: Math.max(0, end.runQueueSeconds - start.usage.runQueueSeconds) * 1000,
    };
  }

  #watchMemory(): void {
    this.#memoryWatch = setInterval(() => {
      const pid = this.#pid();
      if (this.state !== 'ready' || pid === undefined) return;
      const rss = processRssBytes(pid);
      if (rss !== undefined && rss > memoryLimitBytes(this.options.memoryMb)) {
        this.#failure = { message: outOfMemoryMessage(undefined), errorType: outOfMemoryErrorType };
        this.#kill();
      }
    }, memoryWatchIntervalMs);
    this.#memoryWatch.unref();
  }

  /** The process ended: on its own (a crash, exit), killed over its memory, or by stop(). */
  #exited(message: string): void {
    if (this.#memoryWatch) clearInterval(this.#memoryWatch);
    this.#kill();
    const died = this.state === 'ready';
    const errorType = this.#failure?.errorType ?? exitErrorType;
    void this.#server?.close({ kind: 'error', errorType: died ? errorType : 'Runtime.Unavailable', errorMessage: died ? message : 'the environment was stopped' });
    if (died) {
      this.state = 'dead';
      this.onDeath?.(this, message);
    }
  }

  #kill(): void {
    const pid = this.#child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
  }

  cpuSeconds(): number {
    const pid = this.#pid();
    const seconds = pid === undefined ? undefined : processTreeCpuSeconds(pid);
    if (seconds !== undefined) this.#lastCpuSeconds = seconds;
    return this.#lastCpuSeconds;
  }

  rssBytes(): number | undefined {
    const pid = this.#pid();
    return pid === undefined ? undefined : processRssBytes(pid);
  }

  async stop(): Promise<void> {
    if (this.state === 'stopping') return;
    this.state = 'stopping';
    if (this.#memoryWatch) clearInterval(this.#memoryWatch);
    this.cpuSeconds();
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      this.#kill();
      await exited;
    }
    await this.#server?.close({ kind: 'error', errorType: 'Runtime.Unavailable', errorMessage: 'the environment was stopped' });
    this.handlerLog?.close();
    await removeTmpDir(this.tmpFolder);
    this.state = 'dead';
  }
}

/** The runtime's answer as the engine's outcome: the response body is the result (JSON when it parses). */
function toOutcome(answer: RuntimeAnswer): InvokeOutcome {
  if (answer.kind === 'response') {
    const text = answer.body.toString('utf8');
    try {
      return { ok: true, result: JSON.parse(text) as unknown };
    } catch {
      return { ok: true, result: text };
    }
  }
  if (diagnosedTypes.has(answer.errorType)) return { ok: false, message: answer.errorMessage, errorType: answer.errorType };
  return { ok: false, message: `${answer.errorType}: ${answer.errorMessage}` };
}
