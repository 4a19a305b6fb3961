/**
 * The run file, results/<run-id>/run.json: one TypeScript type for its JSON.
 * Its fields are described in docs/architecture.md ("The run file"); fields may be added (as
 * optional fields here), never renamed.
 */
import type { InstanceChoice, Mode, PriceProvenance, TargetKind, VariantSettings } from '../domain.ts';
import type { MachineInfo } from '../system/machine.ts';
import type { PlanJson } from './plan-json.ts';

export type { MachineInfo };

export const schemaVersion = 1 as const;

/**
 * `running`: the run had not finished when run.json was last saved (it is still going, or it
 * was killed outright); its levels are the finished ones, and `finishedAt` is when it was saved.
 */
export const runStatuses = ['complete', 'interrupted', 'failed', 'running'] as const;
export type RunStatus = (typeof runStatuses)[number];

export interface LatencySummaryMs {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  min: number;
  stddev: number;
}

export interface RequestCounts {
  /** 2xx responses. */
  ok: number;
  /** 429 responses. */
  throttled: number;
  /** Every other failure: non-2xx other than 429, socket errors, timeouts. */
  errors: number;
}

/** A time window in epoch milliseconds and ISO strings (both, so the JSON is readable). */
export interface TimeWindow {
  startMs: number;
  endMs: number;
  start: string;
  end: string;
}

/**
 * An HDR histogram of successful-request latency in microseconds, encoded with
 * hdr-histogram-js `encodeIntoCompressedBase64`, so reports can be recomputed later.
 */
export interface EncodedHistogram {
  unit: 'us';
  encoding: 'hdr-compressed-base64';
  data: string;
}

export interface TrialResult {
  trial: number;
  window: TimeWindow;
  requests: RequestCounts;
  throughputRps: number;
  latencyMs: LatencySummaryMs;
  histogram: EncodedHistogram;
}

/** CloudWatch statistics over a level's window, as pulled through GetMetricData. */
export interface CloudWatchSummary {
  invocations: number;
  errors: number;
  throttles: number;
  durationMs: { average: number; maximum: number; p50: number; p90: number; p99: number } | null;
  concurrentExecutionsMax: number | null;
  /** LMI only. */
  executionEnvironmentConcurrencyMax?: number | null;
  executionEnvironmentCpuUtilizationPct?: number | null;
  vcpuAllocatedMax?: number | null;
  vcpuAvailableMax?: number | null;
  /** LMI: time-average vCPUAllocated over the window. */
  vcpuAllocatedMean?: number | null;
  /**
   * LMI: ExecutionEnvironmentCPUUtilization × vCPUAllocated × window ÷ Invocations
   * (metrics/cpu-per-request.ts); the level's CPU per request on AWS, a cross-check locally.
   */
  cpuSecondsPerRequest?: number | null;
}

/** Per-invocation means of the engine's accounting (InvocationUsage), over `invocations`. */
export interface MeasuredAccounting {
  invocations: number;
  wallMeanMs: number;
  cpuMeanMs: number;
  runQueueMeanMs: number;
}

export interface DurationModel {
  /** 'local-model': modelled from this machine's accounting; 'cloudwatch': AWS's own Duration. */
  source: 'local-model' | 'cloudwatch';
  memoryMb: number;
  /** Share of one vCPU a single-threaded handler gets at this memory: min(1, memory / 1769). */
  vcpuShare: number;
  /** Mean handler duration as measured (here: the runtime's wall time; AWS: CloudWatch Duration). */
  measuredMeanMs: number;
  /** Mean on-CPU time per invocation; null on AWS. */
  cpuMeanMs: number | null;
  /** Mean time runnable but waiting for one of this machine's cores; null on AWS. */
  runQueueMeanMs: number | null;
  /** Mean time waiting off the CPU (I/O, timers): wall − CPU − run-queue; null on AWS. */
  offCpuMeanMs: number | null;
  /** The duration Lambda cost, the crossover, the projection and the recommendation use. */
  modelledMeanMs: number;
  /** Invocations the means are over (local: those that ran alone on their thread or process). */
  invocations: number;
  /**
   * Local target: the level whose CPU and off-CPU time feed this model (the variant's lowest
   * level, where its environments ran alone: runner/cost/uncontended.ts).
   */
  uncontendedFrom?: { variantId: string; concurrency: number; rate?: number };
  /** This level's own (contended) readings, a diagnostic; contentionFactor = its modelled ÷ the uncontended. */
  contended?: { cpuMeanMs: number | null; offCpuMeanMs: number | null; runQueueMeanMs: number | null; modelledMeanMs: number; contentionFactor: number | null };
}

export interface LevelCost {
  /** At the measured throughput of the level, sustained. */
  usdPerMillionRequests: number;
  usdPerHour: number;
  /** LMI: instances the sizing model charges at that rate (fractional only when the floor is shared). */
  instances?: number;
  /**
   * Standard Lambda: the part of usdPerMillionRequests that is billed INIT (the level's cold
   * starts, warm-up included, spread over its requests), and its share of the total.
   */
  initUsdPerMillionRequests?: number;
  initShare?: number;
  /** LMI: the instance type chosen at that rate (the cheapest candidate, or the pinned one). */
  instanceType?: string;
  /** LMI: execution environments the sizing model needs at that rate. */
  environments?: number;
}

/** One load worker's part of a level (its trials together). */
export interface WorkerLoadRecord {
  /** 0-based index among the level's workers. */
  worker: number;
  requests: RequestCounts;
  /** From its first trial's start to its last trial's end; null when it never answered. */
  window: TimeWindow | null;
  /** Wall time of its invocations (what its Lambda bill is made of), in ms. */
  invokedMs: number;
  /** Its invocations (one per load phase: warm-up and trials). */
  invocations: number;
  /**
   * The most any of its trials started after the trials' common start time, in ms (0: on time).
   * The level's window spans every worker's, so a late worker lowers the level's rate by about
   * this over the trial length. Absent when it never answered, and in runs made before it was kept.
   */
  lateStartMs?: number;
  /** Why it failed (it was killed, timed out, threw); absent when it answered every phase. */
  error?: string;
}

/** Open-loop levels (--rates): the schedule kept and what it achieved. */
export interface ArrivalStats {
  /** Requests per second the schedule asked for. */
  targetRps: number;
  /** Successful responses per second of measured time. */
  achievedRps: number;
  /** Requests due by the schedule, sent on a connection, and never sent (no free connection in time). */
  scheduled: number;
  sent: number;
  unsent: number;
  /** Most connections held at once (the generator opens them as the schedule needs, up to `concurrency`). */
  connectionsMax: number;
  /**
   * The level's latencyMs is measured from each request's DUE time (coordinated-omission free);
   * this is the same requests' latency from their actual send, as closed-loop tools report it.
   */
  latencyFromSendMs: LatencySummaryMs | null;
  histogramFromSend: EncodedHistogram;
}

/** How a level's load was generated. */
export interface LevelLoad {
  /** `in-process`: one generator in the runner; `workers`: load worker functions, merged. */
  mode: 'in-process' | 'workers';
  /** Workers mode: every worker, with its error if it failed. */
  workers?: WorkerLoadRecord[];
  arrival?: ArrivalStats;
}

interface LevelBase {
  mode: Mode;
  /** Variant id (see plan.ts), groups levels of one settings combination. */
  variantId: string;
  settings: VariantSettings;
  /** Closed loop: the connections; open loop (`rate` set): the most connections the generator may hold. */
  concurrency: number;
  /** Open-loop levels: the arrival rate asked for, in requests per second. */
  rate?: number;
  load?: LevelLoad;
}

export interface MeasuredLevel extends LevelBase {
  state: 'measured';
  /**
   * Open loop: the successful rate fell more than 5% short of the rate asked for. The level's
   * latency is then that of a queue, not a point of the latency curve.
   */
  saturated?: boolean;
  window: TimeWindow;
  trials: TrialResult[];
  /** Totals and percentiles over all trials (warm-up excluded). */
  requests: RequestCounts;
  throughputRps: number;
  latencyMs: LatencySummaryMs;
  histogram: EncodedHistogram;
  /** Cold starts during the measured trials. */
  coldStarts: number;
  initDurationMs: { count: number; mean: number; max: number } | null;
  /**
   * The discarded warm-up: where a level's new environments are usually started, so its cold
   * starts are kept (they are what a traffic step of this size costs standard Lambda).
   */
  warmup?: {
    requests: RequestCounts;
    coldStarts: number;
    initDurationMs: { count: number; mean: number; max: number } | null;
    /** LMI: how long the trials waited after the warm-up for environments placed on new instances (launch delay + INIT); absent when none waited. */
    capacityWaitMs?: number;
  };
  /** Environments that served the level (max alive during the measured window). */
  environments: number;
  /** LMI: emulated instances (max during the window) and the timeline. */
  instances?: number;
  instancesMean?: number;
  timeline?: CapacityPoint[];
  /**
   * CPU time the environments spent per successful request, in seconds: the engine's direct
   * measure on the local target, CloudWatch's (cloudwatch.cpuSecondsPerRequest) on AWS.
   */
  cpuSecondsPerRequest: number | null;
  /**
   * LMI, local target: the CPU per request sizing used, from the variant's lowest level (its
   * environments alone), and this level's own reading ÷ that (runner/cost/uncontended.ts).
   */
  uncontendedCpu?: { cpuSecondsPerRequest: number | null; contentionFactor: number | null; fromConcurrency: number };
  /** The engine's per-invocation accounting (local target), over invocations that ran alone. */
  accounting?: MeasuredAccounting;
  /** Standard Lambda: measured and modelled AWS duration side by side (runner/cost/duration-model.ts). */
  durationModel?: DurationModel;
  /** Mean handler duration as the engine/CloudWatch measured it. */
  cloudwatch: CloudWatchSummary | null;
  /** Why `cloudwatch` is null when the pull was attempted and failed. */
  cloudwatchError?: string;
  /**
   * Fields the target could not measure (AWS has no engine stats: cold starts and environment
   * counts come only from logs); they hold 0 and must not be read as measurements.
   */
  unmeasured?: Array<'coldStarts' | 'environments'>;
  /** What the target's errors were, by errorType (local engine only: HandlerError, InvalidResponse, Runtime.OutOfMemory...). */
  errorTypes?: Record<string, number>;
  cost?: LevelCost;
}

export interface FailedLevel extends LevelBase {
  state: 'failed';
  reason: string;
}

export interface SkippedLevel extends LevelBase {
  state: 'skipped';
  reason: string;
}

export type LevelResult = MeasuredLevel | FailedLevel | SkippedLevel;


export interface CrossoverResult {
  /** Request rates where LMI and standard Lambda cost the same per hour (ascending). */
  requestsPerSecond: number[];
  /** Which variant and level the model inputs came from. */
  basis: { lambdaVariantId: string; lmiVariantId: string; note: string };
  /** The two hourly cost curves over a range of rates (for the report). */
  curve: Array<{ requestsPerSecond: number; lambdaUsdPerHour: number; lmiUsdPerHour: number; lmiInstances: number; lmiInstanceType?: string; lmiEnvironments?: number }>;
  /** Monthly cost under the traffic profile, when one was given. */
  profile?: {
    name: string;
    lambdaUsdPerMonth: number;
    lmiUsdPerMonth: number;
    requestsPerMonth: number;
    /** LMI instance-hours per month by instance type. */
    lmiInstanceHoursByType?: Record<string, number>;
    /** The scaling lag the projection used, in minutes. */
    lag?: { scaleOutDelayMin: number; scaleInDelayMin: number };
    /** Minutes per month where traffic more than doubles within 5 minutes: throttle risk on LMI. */
    throttleRiskMinutesPerMonth?: number;
    /** The first such minutes of the profile (0-based). */
    throttleRiskMinutes?: number[];
    /** The floor's share of LMI's monthly cost under this profile. */
    floorShareOfLmi?: number;
  };
  /**
   * In Auto mode AWS picks the instance type: where LMI becomes and stays cheaper on the cheapest
   * fleet of the allowed types (low) and on the types Lambda has been reported choosing (high;
   * null when never in the rates scanned). Absent when one type is pinned.
   */
  range?: {
    lowRequestsPerSecond: number;
    highRequestsPerSecond: number | null;
    lowInstanceType: string;
    highInstanceType: string;
    /** With a traffic profile: LMI's month of it on the high end's type alone (the profile's own figure is the low end's, the cheapest fleet). */
    highEndProfile?: { lmiUsdPerMonth: number };
  };
  /** The crossover again at LMI discounts 0, 30%, 50% and 72%. */
  sensitivity?: Array<{ lmiDiscount: number; requestsPerSecond: number[] }>;
  /** LMI at zero traffic: the minimum fleet charged to this function (its share when the provider is shared). */
  floor?: { instances: number; instanceType: string; functionsPerProvider: number; usdPerMonth: number };
  assumptions: string[];
}

/** The LMI settings a sweep recommends (runner/analysis/recommend.ts); absent without a sweep. */
export interface Recommendation {
  /** null when no combination met the objective. */
  variantId: string | null;
  settings: VariantSettings | null;
  reason: string;
  /** The p99 objective in ms, null when none was given (then: cheapest without throttles). */
  sloP99Ms: number | null;
  objective: string;
  usdPerMillionRequests?: number;
  /** Each combination that did not qualify, and why. */
  rejected: string[];
}

/**
 * The load workers' own Lambda usage and cost, apart from the functions under test (their
 * cost is not part of any level's cost or of the crossover).
 */
export interface LoadWorkerCost {
  /** Workers per level. */
  workers: number;
  /** Priced as the AWS worker function: memory and architecture. */
  memoryMb: number;
  architecture: 'x86_64' | 'arm64';
  invocations: number;
  gbSeconds: number;
  /** null when no price book was available. */
  usd: number | null;
  /** On the local engine: what the same invocations would cost as the AWS worker. */
  note?: string;
}

export interface RunFile {
  schemaVersion: typeof schemaVersion;
  runId: string;
  status: RunStatus;
  /** Why the run failed or was interrupted. */
  reason?: string;
  startedAt: string;
  finishedAt: string;
  tool: { name: 'lmi-bench'; version: string };
  machine: MachineInfo;
  workload: { name: string; runtime: string; description: string; kind: string };
  target: TargetKind;
  /** The plan as run (flags resolved to values). */
  plan: PlanJson;
  levels: LevelResult[];
  crossover: CrossoverResult | null;
  prices: PriceProvenance | null;
  /**
   * The architecture and the LMI instance types the run was priced over, with how to change them
   * (runner/cost/instance-choice.ts); absent from runs priced before it was recorded.
   */
  instanceChoice?: InstanceChoice;
  recommendation?: Recommendation;
  /** Runs with load workers (--load-workers ≥ 2): their own Lambda usage and cost, stated apart. */
  loadWorkers?: LoadWorkerCost;
  /**
   * Local target: how each environment got its own /tmp, as the target reported it
   * (runner/engine/tmp-dir.ts). When `complete` is false, some of a handler's /tmp accesses
   * (named in `note`) reach the host's.
   */
  tmpIsolation?: TmpIsolationNote;
}

/** How each environment got its own /tmp on the local target. */
export interface TmpIsolationNote {
  mechanism: 'mount-namespace' | 'path-mapping';
  complete: boolean;
  note: string;
}

/** One point of the instance/environment timeline: what LMI costs. The engine reports its timeline in this shape. */
export interface CapacityPoint {
  atMs: number;
  environments: number;
  instances: number;
  vcpusAllocated: number;
  vcpusAvailable: number;
  /** Of `instances`, those still launching (the launch delay); absent in older runs. */
  instancesLaunching?: number;
  /** Of `environments`, those placed on a launching instance, waiting for it to run. */
  environmentsAwaitingInstance?: number;
}
