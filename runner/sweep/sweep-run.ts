/** What the sweep's two orders (sweep.ts, parallel-sweep.ts) share: their options, progress and run. */
import type { BenchPlan } from '../plan/plan.ts';
import type { Mode, Variant } from '../domain.ts';
import type { CloudWatchAccess, DeployedVariant, Target } from '../target/target.ts';
import type { CloudWatchSummary, FailedLevel, LevelResult, RequestCounts, RunStatus } from '../run/run-file.ts';
import type { LevelSpec } from '../plan/levels.ts';
import type { LevelPhase, LevelSchedule } from './measure-level.ts';
import type { LevelWorkers } from './load-source.ts';
import type { LevelMeasurement } from './complete-level.ts';

export type PullMetrics = (access: CloudWatchAccess, window: { startMs: number; endMs: number }, mode: Mode) => Promise<CloudWatchSummary>;

export interface SweepProgress {
  /** 1-based index of the level among all levels of the run. */
  levelIndex: number;
  levelCount: number;
  mode: Mode;
  variantId: string;
  concurrency: number;
  /** Open-loop levels: the arrival rate. */
  rate?: number;
  phase: 'deploy' | LevelPhase | 'drain' | 'capacity';
  /** With phase 'drain': requests the target has yet to record (those still running in the function); 'capacity': environments awaiting a new instance. */
  waitingFor?: number;
  trial: number;
  trials: number;
  /** Since the level (or the deploy) began. */
  elapsedMs: number;
  requests: RequestCounts;
  /** Successful requests per second of measured time so far. */
  rps: number;
}

export interface SweepOptions {
  signal: AbortSignal;
  pullMetrics?: PullMetrics;
  onProgress?: (progress: SweepProgress) => void;
  /** Each finished level, as soon as it is known (the caller may save partial results). */
  onLevel?: (level: LevelResult, levelIndex: number, levelCount: number) => void;
}

export interface SweepResult {
  status: RunStatus;
  reason?: string;
  levels: LevelResult[];
  /** The run stopped because the platform went away (target.lost()), not because of the input. */
  targetLost?: boolean;
}

/** What the sweep's two orders share: recording, progress, the level runner. */
export interface SweepRun {
  plan: BenchPlan;
  target: Target;
  levels: LevelSpec[];
  levelCount: number;
  workers: LevelWorkers | undefined;
  options: SweepOptions;
  record(level: LevelResult): void;
  /** The next level's 1-based index among all recorded levels. */
  nextIndex(): number;
  failedLevel(variant: Variant, level: LevelSpec, reason: string): FailedLevel;
  deploy(variant: Variant, levelIndex: number): Promise<DeployOutcome>;
  /** The level's phases (a failure is a failed level; an abort or a lost target throws). */
  measure(deployed: DeployedVariant, level: LevelSpec, levelIndex: number, schedule?: LevelSchedule): Promise<LevelMeasurement | FailedLevel>;
  /** CloudWatch's part pulled over the level's window, then the level completed (complete-level.ts). */
  complete(deployed: DeployedVariant, measured: LevelMeasurement | FailedLevel): Promise<LevelResult>;
}

export type DeployOutcome = { ok: true; deployed: DeployedVariant } | { ok: false; reason: string };
