/**
 * The contract between the local engine process and its clients (the runner's local target,
 * the tests, bench-engine). The engine serves, on one control port:
 *   - the CloudWatch GetMetricData subset (POST /, AWS JSON 1.0, X-Amz-Target
 *     `GraniteServiceVersion20100801.GetMetricData`), read with @aws-sdk/client-cloudwatch;
 *   - the Lambda API's GetFunctionConfiguration and ListFunctions for the functions deployed
 *     (GET /2015-03-31/functions/..., REST-JSON), read with @aws-sdk/client-lambda;
 *   - the control API under /_engine/ (JSON), below.
 * Each function variant gets its own Function-URL-style HTTP endpoint on its own port.
 *
 * Control API:
 *   GET    /_engine/health                        -> { ok: true, pid }
 *   POST   /_engine/functions        FunctionSpec -> 201 DeployedFunction (resolves once the
 *                                                   function is ready: LMI waits for its minimum
 *                                                   environments, as publishing a version does)
 *                                                   400 { message } for a bad spec or init failure
 *   GET    /_engine/functions/:name                 -> FunctionState
 *   GET    /_engine/functions/:name/stats?startMs=&endMs= -> WindowStats
 *   DELETE /_engine/functions/:name                 -> 204 (environments and workers stopped)
 *   POST   /_engine/shutdown                        -> 204, then the process exits
 * Every control API request carries `authorization: Bearer <token>` (EngineReady.token),
 * else 401. Any request on the control port with an Origin header, or with a Host other
 * than 127.0.0.1:<port> or localhost:<port>, is refused with 403 (control-access.ts).
 *
 * When started by `lmi-bench engine`, the engine writes one line of JSON to stdout when it
 * is listening: EngineReady.
 */
import type { Runtime } from '../runtimes/registry.ts';
import type { CapacityPoint, TmpIsolationNote } from '../run/run-file.ts';

export interface EngineReady {
  event: 'ready';
  pid: number;
  /** Control API and CloudWatch endpoint, e.g. http://127.0.0.1:41234 */
  controlUrl: string;
  /** The control API's bearer token, random per engine: whoever holds it can run code as the engine's user. */
  token: string;
}

export interface StandardComputeSpec {
  type: 'lambda';
  memoryMb: number;
  /** Account/function concurrency limit: request L+1 at once gets 429. */
  concurrencyLimit: number;
  /** Idle environments are reaped after this long. */
  idleTimeoutMs: number;
}

export interface LmiComputeSpec {
  type: 'lmi';
  /** At least 2048 (the service's smallest LMI function). */
  memoryMb: number;
  /** PerExecutionEnvironmentMaxConcurrency, 1–1600. */
  maxConcurrency: number;
  /** ExecutionEnvironmentMemoryGiBPerVCpu, 2.0–8.0. */
  gibPerVcpu: number;
  /** Environments started on publish and the floor of scale-in (service default 3). */
  minEnvironments: number;
  /** Optional ceiling on environments (PutFunctionScalingConfig). */
  maxEnvironments?: number;
  /** EC2 instance type of the capacity provider, e.g. m7g.xlarge. */
  instanceType: string;
  /** Capacity provider MaxVCpuCount. */
  maxVcpus: number;
  /** How often the asynchronous scaler looks at the function (engine default 2000 ms). */
  scalerIntervalMs?: number;
  /** An environment idle this long may be scaled in (engine default 60000 ms). */
  scaleInDelayMs?: number;
  /** Manual scaling: target tracking on average CPU, percent (1–100); absent = Auto (capacity/scaling-target.ts). */
  targetCpuPercent?: number;
  /**
   * From launching an instance beyond the 3 base ones to its running (engine default 0: at
   * once); environments placed on it start after it, then their INIT.
   */
  instanceLaunchDelayMs?: number;
  /** Capacity each instance keeps for itself, never given to environments (default none). */
  reserveVcpus?: number;
  reserveMemoryGiB?: number;
}

export type ComputeSpec = StandardComputeSpec | LmiComputeSpec;

export interface FunctionSpec {
  /** Unique within the engine; [A-Za-z0-9_-]{1,64}. */
  name: string;
  /** Absolute path of the workload folder. */
  workloadDir: string;
  runtime: Runtime;
  /** An invocation running longer is answered 502 with a timeout error. */
  timeoutMs: number;
  compute: ComputeSpec;
  /**
   * The Lambda architecture the function is configured with, as the Lambda API reports it
   * (default: this machine's). The engine runs the handler on this machine either way.
   */
  architecture?: 'x86_64' | 'arm64';
  /**
   * `lmi-bench safety` only: an existing folder where the runtime bootstraps record, per
   * invocation, the temp files it opened, the globals it assigned and the work still pending
   * at its response (one JSON line each; runtimes/safety-node.mjs, safety_hooks.py).
   */
  safetyRecordDir?: string;
}

export interface DeployedFunction {
  name: string;
  /** Function-URL-style endpoint, e.g. http://127.0.0.1:40001/ */
  url: string;
  compute: ComputeSpec;
  environments: number;
  /** How this function's environments get their own /tmp on the engine's machine. */
  tmpIsolation: TmpIsolationNote;
}

/**
 * What the runtime measured around one handler call that ran alone on its thread or process
 * (standard Lambda always; LMI when no other invocation overlapped it on the same thread).
 * Read from Linux /proc/thread-self/schedstat: field 1 is time on a CPU, field 2 time spent
 * runnable but waiting for a core. Off-CPU wait (I/O, timers) is wall − CPU − run-queue.
 */
export interface InvocationUsage {
  /** Handler wall time as the runtime saw it, from taking the event to its result. */
  wallMs: number;
  cpuMs: number;
  runQueueMs: number;
}

export type InvocationStatus = 'ok' | 'error' | 'timeout' | 'throttled';

/** One invocation as the engine saw it: the raw material of every metric. */
export interface InvocationRecord {
  functionName: string;
  mode: 'lambda' | 'lmi';
  /** Epoch ms (fractional) when the front door received the request. */
  startMs: number;
  /** Epoch ms (fractional) when the response was handed back. */
  endMs: number;
  /** Handler duration, excluding init (0 for throttled). */
  durationMs: number;
  /** Standard Lambda bills duration rounded up to the next 1 ms. */
  billedDurationMs: number;
  /** Init duration when this invocation caused a cold start. */
  initDurationMs?: number;
  /** Environment that served it (absent for throttled). */
  environmentId?: string;
  /** CPU and run-queue accounting, when the invocation ran alone on its thread or process. */
  usage?: InvocationUsage;
  status: InvocationStatus;
  /** For errors and timeouts: what failed, as Lambda names it (HandlerError, Runtime.OutOfMemory, InvalidResponse...). */
  errorType?: string;
  /** For throttles: which limit was hit. */
  throttleReason?: 'ConcurrencyThrottles' | 'SlotsExhausted' | 'CPUThrottles';
}

export interface EnvironmentInfo {
  id: string;
  /** Emulated instance the environment is packed on (LMI) or 'standard'. */
  instanceId: string;
  state: 'initializing' | 'ready' | 'stopping';
  startedAtMs: number;
  initDurationMs?: number;
  /** Invocations running now. */
  inFlight: number;
  /** Slots (1 for standard Lambda, maxConcurrency for LMI). */
  slots: number;
  /** Resident memory of the environment's process(es) in bytes, where measurable. */
  rssBytes?: number;
  /** The environment's handler log (stdout and stderr, capped), as CloudWatch Logs would hold it. */
  logPath?: string;
}

/** The timeline's points are the run file's (runner/run/run-file.ts), so run.json keeps them as the engine sends them. */
export type { CapacityPoint } from '../run/run-file.ts';

export interface FunctionState {
  name: string;
  compute: ComputeSpec;
  environments: EnvironmentInfo[];
  timeline: CapacityPoint[];
}

/** What the engine knows about one measured window beyond CloudWatch. */
export interface WindowStats {
  startMs: number;
  endMs: number;
  invocations: number;
  ok: number;
  errors: number;
  timeouts: number;
  throttled: number;
  /** Errors and timeouts by errorType (what failed: HandlerError, InvalidResponse, Runtime.OutOfMemory...). */
  errorTypes?: Record<string, number>;
  coldStarts: number;
  initDurationsMs: number[];
  /** Distinct environments that served invocations in the window. */
  environmentsUsed: number;
  /** Largest number of environments alive at once during the window. */
  environmentsMax: number;
  /** Largest number of emulated instances during the window (LMI), 0 for standard. */
  instancesMax: number;
  /** Time-weighted mean instance count over the window (LMI), 0 for standard. */
  instancesMean: number;
  /** CPU time consumed by the function's environments during the window, in seconds. */
  cpuSeconds: number;
  /**
   * Sums of the per-invocation accounting over the successful invocations that carry it
   * (InvocationUsage); absent when none does.
   */
  usage?: { invocations: number; wallMs: number; cpuMs: number; runQueueMs: number };
  timeline: CapacityPoint[];
}
