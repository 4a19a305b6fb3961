/**
 * What standard-function.ts and lmi-function.ts share: creating environments of the right
 * runtime, sampling their CPU time about once a second into the MetricsStore, and recording
 * the capacity timeline.
 */
import type { MetricsStore } from './metrics-store.ts';
import type { Environment } from './environment.ts';
import type { EnvironmentInfo, FunctionSpec } from './protocol.ts';
import type { Handled } from './invocation.ts';
import type { ValidatedFunction } from './spec.ts';
import { launchers } from './launchers.ts';
import { initLimit, initLimitVariable, type InitLimit } from './init-limit.ts';

export const cpuSampleIntervalMs = 1000;

export abstract class FunctionRuntime {
  readonly spec: FunctionSpec;
  protected readonly validated: ValidatedFunction;
  protected readonly store: MetricsStore;
  #nextEnvironment = 0;
  readonly #cpuSeen = new Map<Environment, number>();
  #lastSampleMs = Date.now();
  #sampler: NodeJS.Timeout | undefined;

  constructor(validated: ValidatedFunction, store: MetricsStore) {
    this.validated = validated;
    this.spec = validated.spec;
    this.store = store;
  }

  /** Deploy-time work: LMI starts its minimum environments; standard Lambda probes init. */
  abstract start(): Promise<void>;
  abstract invoke(event: unknown, requestId: string): Promise<Handled>;
  /** Every environment alive or starting. */
  abstract environments(): Environment[];
  /** Stops every environment and timer. */
  abstract stop(): Promise<void>;
  /** vCPUs an environment is entitled to, for CPU utilisation. */
  abstract environmentVcpus(): number;

  /** How long this function's init may run (init-limit.ts). */
  protected initLimit(): InitLimit {
    return initLimit(this.spec.compute.type, this.spec.timeoutMs, process.env[initLimitVariable]);
  }

  /** `limit`: one attempt's bound (standard Lambda's cold start passes each of its two). */
  protected createEnvironment(slots: number, instanceId: string, threads = 1, limit: InitLimit = this.initLimit()): Environment {
    const options = {
      id: `${this.spec.name}-env-${this.#nextEnvironment++}`,
      handler: this.validated.handler,
      functionName: this.spec.name,
      memoryMb: this.spec.compute.memoryMb,
      slots,
      instanceId,
      codeDir: this.spec.workloadDir,
      threads,
      safetyRecordDir: this.spec.safetyRecordDir,
      initLimit: limit,
    };
    return launchers[this.spec.runtime].createEnvironment(options);
  }

  protected startSampling(): void {
    this.#lastSampleMs = Date.now();
    this.#sampler = setInterval(() => this.sampleCpu(), cpuSampleIntervalMs);
    this.#sampler.unref();
  }

  protected stopSampling(): void {
    if (this.#sampler) clearInterval(this.#sampler);
    this.#sampler = undefined;
  }

  /** Records the CPU each environment used since the last sample. */
  protected sampleCpu(only?: Environment): void {
    const atMs = Date.now();
    const intervalMs = atMs - this.#lastSampleMs;
    if (!only) this.#lastSampleMs = atMs;
    const vcpus = this.environmentVcpus();
    for (const environment of only ? [only] : this.environments()) {
      if (environment.state === 'initializing') continue;
      const total = environment.cpuSeconds();
      const seen = this.#cpuSeen.get(environment) ?? 0;
      this.#cpuSeen.set(environment, total);
      const cpuSeconds = Math.max(0, total - seen);
      this.store.recordCpu(this.spec.name, { environmentId: environment.id, atMs, intervalMs, cpuSeconds, vcpus });
    }
  }

  /** Takes a last CPU sample of an environment that is about to stop, then forgets it. */
  protected finalSample(environment: Environment): void {
    this.sampleCpu(environment);
    this.#cpuSeen.delete(environment);
  }

  info(): EnvironmentInfo[] {
    return this.environments().map((e) => {
      const info: EnvironmentInfo = {
        id: e.id,
        instanceId: e.instanceId,
        state: e.state === 'dead' ? 'stopping' : e.state,
        startedAtMs: e.startedAtMs,
        inFlight: e.inFlight,
        slots: e.slots,
      };
      if (e.initDurationMs !== undefined) info.initDurationMs = e.initDurationMs;
      const rss = e.rssBytes();
      if (rss !== undefined) info.rssBytes = rss;
      if (e.logPath !== undefined) info.logPath = e.logPath;
      return info;
    });
  }
}
