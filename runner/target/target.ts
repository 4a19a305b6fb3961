/**
 * Where a workload runs. One implementation per platform (SeBS-style): `local` (the embedded
 * engine, runner/target/local/) and `aws` (the CDK stack, runner/target/aws/). The sweep only
 * talks to this interface.
 */
import type { WindowStats } from '../engine/protocol.ts';
import type { TargetKind, Variant } from '../domain.ts';
import type { LoadWorkerPool } from '../load/load-task.ts';
import type { CloudWatchAccess } from '../metrics/access.ts';
import type { TmpIsolationNote } from '../run/run-file.ts';
import type { SignRequest } from '../system/sigv4-signer.ts';

export type { LoadWorkerPool } from '../load/load-task.ts';
export type { CloudWatchAccess } from '../metrics/access.ts';

export interface DeployedVariant {
  variant: Variant;
  functionName: string;
  /** HTTP endpoint the load generator drives. */
  url: string;
  /** Signs a request (AWS_IAM function URLs); absent when requests go unsigned. */
  signRequest?: SignRequest;
  cloudwatch: CloudWatchAccess;
}

export interface Target {
  readonly kind: TargetKind;
  /** Bring the platform up (spawn the engine; deploy the stack). */
  start(): Promise<void>;
  /** Make one variant ready to be loaded (LMI: published and its minimum environments up). */
  deploy(variant: Variant): Promise<DeployedVariant>;
  /** What the platform knows of a window beyond CloudWatch; null where it cannot tell (AWS). */
  windowStats(deployed: DeployedVariant, window: { startMs: number; endMs: number }): Promise<WindowStats | null>;
  /** Release one variant (stop its environments). */
  remove(deployed: DeployedVariant): Promise<void>;
  /** Tear everything down; safe to call twice and after a failed start. */
  stop(): Promise<void>;
  /**
   * Last resort on a second Ctrl-C, when the process exits right after: signal the platform's
   * processes to end (local: the engine, which takes its environments' processes with it)
   * without waiting. Optional: targets with nothing local to end omit it.
   */
  kill?(): void;
  /**
   * Why the platform can no longer serve, or null while it can (local: the engine process
   * exited on its own). Asked after a failure, so one lost platform ends the run instead of
   * failing each level left. Optional: AWS has no process of ours to lose.
   */
  lost?(): string | null;
  /**
   * How the deployed functions' environments got their own /tmp, as the platform reported it;
   * null before a deploy. Optional: on AWS every environment has its own /tmp.
   */
  tmpIsolation?(): TmpIsolationNote | null;
  /** Makes the load workers ready (after start()); absent on a target that cannot host them. */
  loadWorkers?(): Promise<LoadWorkerPool>;
}
