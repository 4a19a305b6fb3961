/**
 * The `local` target: the embedded engine in its own process. Each plan Variant becomes one
 * engine function; its CloudWatch access points at the engine's control port.
 */
import type { BenchPlan } from '../../plan/plan.ts';
import type { TmpIsolationNote } from '../../run/run-file.ts';
import type { Variant } from '../../domain.ts';
import type { ComputeSpec, FunctionSpec, WindowStats } from '../../engine/protocol.ts';
import type { DeployedVariant, Target } from '../target.ts';
import { startEngine, type EngineHandle } from './engine-process.ts';
import { deployLocalLoadWorkers, type LocalLoadWorkerOptions, type LocalLoadWorkers } from './local-load-workers.ts';

/**
 * The engine aggregates per second: short local levels (tens of seconds) still get many
 * whole periods, where AWS needs minutes.
 */
export const localPeriodSec = 1;

export function functionNameFor(plan: BenchPlan, variant: Variant): string {
  const base = plan.workload.manifest.name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
  return `${base}-${variant.id}`.slice(0, 64);
}

export function functionSpecFor(plan: BenchPlan, variant: Variant): FunctionSpec {
  let compute: ComputeSpec;
  if (variant.mode === 'lambda') {
    compute = {
      type: 'lambda',
      memoryMb: variant.settings.memoryMb,
      concurrencyLimit: plan.lambda.concurrencyLimit,
      idleTimeoutMs: plan.lambda.idleTimeoutSec * 1000,
    };
  } else {
    compute = {
      type: 'lmi',
      memoryMb: variant.settings.memoryMb,
      maxConcurrency: variant.settings.maxConcurrency ?? plan.lmi.maxConcurrency[0] ?? 1,
      gibPerVcpu: variant.settings.gibPerVcpu ?? plan.lmi.gibPerVcpu[0] ?? 2,
      minEnvironments: plan.lmi.minEnvironments,
      instanceType: plan.lmi.instanceType,
      maxVcpus: plan.lmi.maxVcpus,
      // The engine scales to the same target the sizing model and the stack use.
      ...(variant.settings.targetCpuPercent === undefined ? {} : { targetCpuPercent: variant.settings.targetCpuPercent }),
      ...(plan.lmi.reserveVcpus ? { reserveVcpus: plan.lmi.reserveVcpus } : {}),
      ...(plan.lmi.reserveMemoryGiB ? { reserveMemoryGiB: plan.lmi.reserveMemoryGiB } : {}),
      ...(plan.lmi.instanceLaunchDelaySec ? { instanceLaunchDelayMs: plan.lmi.instanceLaunchDelaySec * 1000 } : {}),
    };
  }
  return {
    name: functionNameFor(plan, variant),
    workloadDir: plan.workload.dir,
    runtime: plan.runtime,
    timeoutMs: plan.timeoutSec * 1000,
    compute,
    // What the engine's Lambda API reports (GetFunctionConfiguration), as the stack would deploy it.
    architecture: plan.lambda.architecture,
  };
}

export interface LocalTargetOptions {
  loadWorkers?: LocalLoadWorkerOptions;
  /**
   * An engine already running that its caller owns and stops: the target deploys on it and
   * leaves it running (several sweeps in turn on one engine, each paying no start of its own).
   * The sweep removes what it deployed; the engine's metrics store keeps their records, as it
   * does for any removed function.
   */
  sharedEngine?: EngineHandle;
}

export class LocalTarget implements Target {
  readonly kind = 'local' as const;
  readonly #plan: BenchPlan;
  readonly #options: LocalTargetOptions;
  #engine: EngineHandle | undefined;
  #workers: Promise<LocalLoadWorkers> | undefined;
  #tmpIsolation: TmpIsolationNote | null = null;

  constructor(plan: BenchPlan, options: LocalTargetOptions = {}) {
    this.#plan = plan;
    this.#options = options;
  }

  #running(): EngineHandle {
    if (!this.#engine) throw new Error('the local target was not started');
    return this.#engine;
  }

  async start(): Promise<void> {
    this.#engine ??= this.#options.sharedEngine ?? (await startEngine());
  }

  async deploy(variant: Variant): Promise<DeployedVariant> {
    const engine = this.#running();
    const spec = functionSpecFor(this.#plan, variant);
    const deployed = await engine.client.deploy(spec);
    this.#tmpIsolation = deployed.tmpIsolation;
    const isLmi = spec.compute.type === 'lmi';
    return {
      variant,
      functionName: spec.name,
      url: deployed.url,
      cloudwatch: {
        endpoint: engine.controlUrl,
        region: 'us-east-1',
        // LMI is invoked through a published version's alias; standard Lambda unqualified.
        functionDimensions: { FunctionName: spec.name, Resource: isLmi ? `${spec.name}:live` : spec.name },
        ...(isLmi ? { capacityProviderDimensions: { CapacityProviderName: `cp-${spec.name}`, InstanceType: this.#plan.lmi.instanceType } } : {}),
        periodSec: localPeriodSec,
      },
    };
  }

  windowStats(deployed: DeployedVariant, window: { startMs: number; endMs: number }): Promise<WindowStats | null> {
    return this.#running().client.stats(deployed.functionName, window.startMs, window.endMs);
  }

  async remove(deployed: DeployedVariant): Promise<void> {
    await this.#running().client.remove(deployed.functionName);
  }

  tmpIsolation(): TmpIsolationNote | null {
    return this.#tmpIsolation;
  }

  lost(): string | null {
    return this.#engine?.exitReason() ?? null;
  }

  /** The load worker function, deployed on the engine the first time it is asked for. */
  loadWorkers(): Promise<LocalLoadWorkers> {
    this.#workers ??= deployLocalLoadWorkers(this.#running().client, this.#options.loadWorkers ?? {});
    return this.#workers;
  }

  async stop(): Promise<void> {
    const engine = this.#engine;
    const workers = this.#workers;
    this.#engine = undefined;
    this.#workers = undefined;
    // The engine takes the worker function with it; only the bundle folder is left to remove.
    if (workers) await workers.then((w) => w.remove()).catch(() => undefined);
    if (engine !== this.#options.sharedEngine) await engine?.stop();
  }
}
