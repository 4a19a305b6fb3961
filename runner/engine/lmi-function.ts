/**
 * The LMI model: environments start when the version is published (before deploy answers),
 * at least minEnvironments of them spread over 3 emulated AZs; each takes up to maxConcurrency
 * invocations at once; a request finding every slot busy is throttled (429), never queued and
 * never given a cold start. An asynchronous scaler adds environments on slot saturation,
 * throttles and CPU, within MaxVCpuCount and maxEnvironments, and removes idle ones after the
 * scale-in delay, never below the minimum; when the load falls but still reaches every
 * environment, the surplus over the scaling target is drained once the count has been above it
 * for the scale-in delay. Every change of capacity is recorded: it is what LMI costs.
 *
 * Environments are placed on emulated instances (placement.ts). One that fits on a running
 * instance starts its INIT at once; one that needs a new instance first waits for the instance
 * to launch (compute.instanceLaunchDelayMs), as on AWS, where new instances take 1 to 2 minutes;
 * it counts as starting meanwhile, so the scaler does not ask for it twice. Environments started
 * on publish never wait: the deploy provisions their instances.
 *
 * A crashed environment (its runtime exited, or was killed over its memory) is replaced at
 * once, as the service replaces failed environments, not on the next scaler tick. While no
 * environment is alive because they crashed, or the live ones are full while replacements
 * start, requests are errors naming that reason, never throttles: a 429 says "more traffic
 * than capacity", which a crashing handler is not.
 */
import { UsageError } from '../errors.ts';
import type { Environment } from './environment.ts';
import { FunctionRuntime } from './function-runtime.ts';
import { launchers } from './launchers.ts';
import { runInvocation, type Handled } from './invocation.ts';
import type { MetricsStore } from './metrics-store.ts';
import { environmentShape } from '../capacity/lmi-sizing.ts';
import { resolveScalingTarget, type ResolvedScalingTarget } from '../capacity/scaling-target.ts';
import { Placement } from './placement.ts';
import type { LmiComputeSpec } from './protocol.ts';
import { scaleDecision } from './scaler.ts';
import { environmentVcpus, type ValidatedFunction } from './spec.ts';

/** The service reacts within seconds to minutes; 2 s keeps local levels of 10-30 s meaningful. */
export const defaultScalerIntervalMs = 2000;
export const defaultScaleInDelayMs = 60_000;

export class LmiFunction extends FunctionRuntime {
  readonly #placement: Placement;
  readonly #vcpus: number;
  readonly #target: ResolvedScalingTarget;
  /** Environments taking invocations. */
  readonly #ready: Environment[] = [];
  readonly #starting = new Set<Environment>();
  /** Environments placed on a launching instance, not created yet: the timer that starts each, and its instance. */
  readonly #awaitingInstance = new Map<NodeJS.Timeout, string>();
  /** Scaled in while busy: no new invocations, retired when the last one ends. */
  readonly #draining = new Set<Environment>();
  /** Since when every tick has found more environments than the target needs, none idle. */
  #surplusSinceMs: number | undefined;
  readonly #idleSinceMs = new Map<Environment, number>();
  #inFlight = 0;
  #peakInFlight = 0;
  #throttles = 0;
  /** Most environments in service when a throttle happened this interval. */
  #throttledAt = 0;
  #lastTickMs = Date.now();
  #cpuAtTick = new Map<Environment, number>();
  #scaler: NodeJS.Timeout | undefined;
  #stopped = false;
  readonly #throttleMessage: string;
  /** Environments that crashed since the deploy, and the last one's reason. */
  #crashes = 0;
  #lastCrash = '';
  /** Replacements of crashed environments still starting. */
  #replacing = 0;

  constructor(validated: ValidatedFunction, store: MetricsStore) {
    super(validated, store);
    const compute = this.#compute;
    this.#vcpus = environmentVcpus(compute);
    const instance = validated.instance ?? { vcpus: 0, memoryGiB: 0 };
    try {
      this.#target = resolveScalingTarget(compute.targetCpuPercent === undefined ? { mode: 'auto' } : { mode: 'manual', cpuPercent: compute.targetCpuPercent });
      this.#placement = new Placement({
        instance,
        environment: environmentShape(compute.memoryMb, compute.gibPerVcpu),
        reservation: { vcpus: compute.reserveVcpus ?? 0, memoryGiB: compute.reserveMemoryGiB ?? 0 },
        maxVcpus: compute.maxVcpus,
        launchDelayMs: compute.instanceLaunchDelayMs ?? 0,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    this.#throttleMessage = `Rate Exceeded: all ${compute.maxConcurrency} slots (maxConcurrency) of every execution environment are busy`;
  }

  get #compute(): LmiComputeSpec {
    return this.spec.compute as LmiComputeSpec;
  }

  environmentVcpus(): number {
    return this.#vcpus;
  }

  async start(): Promise<void> {
    const { minEnvironments } = this.#compute;
    const launches: Promise<void>[] = [];
    for (let i = 0; i < minEnvironments; i++) {
      const launch = this.#launch('publish');
      if (!launch) {
        await this.stop();
        throw new UsageError(`maxVcpus ${this.#compute.maxVcpus} cannot hold ${minEnvironments} environments of ${this.#vcpus} vCPU on ${this.#compute.instanceType}`);
      }
      launches.push(launch);
    }
    this.#recordCapacity();
    const results = await Promise.allSettled(launches);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      await this.stop();
      throw failure.reason;
    }
    this.startSampling();
    this.#lastTickMs = Date.now();
    this.#scaler = setInterval(() => this.#tick(), this.#compute.scalerIntervalMs ?? defaultScalerIntervalMs);
    this.#scaler.unref();
  }

  /**
   * Places one environment and starts it when its instance runs; null when the capacity provider
   * is full. On publish every instance is provisioned before the version is active: no wait.
   */
  #launch(when: 'publish' | 'scale' = 'scale'): Promise<void> | null {
    const now = Date.now();
    const instanceId = this.#placement.place(when === 'publish' ? Number.NEGATIVE_INFINITY : now);
    if (instanceId === null) return null;
    const waitMs = this.#placement.readyAt(instanceId) - now;
    if (!(waitMs > 0)) return this.#startOn(instanceId);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#awaitingInstance.delete(timer);
        this.#recordCapacity();
        this.#startOn(instanceId).then(resolve, reject);
      }, waitMs);
      timer.unref();
      this.#awaitingInstance.set(timer, instanceId);
    });
  }

  /** Creates and starts (INIT) one environment on a running instance. */
  #startOn(instanceId: string): Promise<void> {
    const threads = launchers[this.spec.runtime].threadsPerEnvironment(this.#vcpus);
    const environment = this.createEnvironment(this.#compute.maxConcurrency, instanceId, threads);
    environment.onDeath = (dead, reason) => this.#crashed(dead, reason);
    this.#starting.add(environment);
    return environment.start().then(
      () => {
        this.#starting.delete(environment);
        if (this.#stopped) {
          void environment.stop();
          return;
        }
        this.#ready.push(environment);
        this.#idleSinceMs.set(environment, Date.now());
        this.#recordCapacity();
      },
      (error: unknown) => {
        if (this.#starting.delete(environment)) {
          this.#placement.release(instanceId);
          this.#recordCapacity();
        }
        throw error;
      },
    );
  }

  invoke(event: unknown, requestId: string): Promise<Handled> {
    // Least-loaded routing keeps environments evenly busy, as the service's router does.
    let target: Environment | undefined;
    let targetLoad = Infinity;
    for (const environment of this.#ready) {
      const load = environment.inFlight;
      if (load < environment.slots && load < targetLoad) {
        target = environment;
        targetLoad = load;
        if (load === 0) break;
      }
    }
    // Capacity lost to crashes is not traffic beyond capacity: while replacements start, a
    // request finding no free slot is an error naming the crash, not a throttle.
    if (!target && this.#crashes > 0 && (this.#ready.length === 0 || this.#replacing > 0)) {
      const alive = this.#ready.length === 0 ? 'no execution environment is alive' : `the ${this.#ready.length} live environment(s) are busy`;
      return Promise.resolve({
        kind: 'no-environment',
        message: `${alive}: the function's environments crashed (${this.#crashes} since deploy; last: ${this.#lastCrash}); ${this.#replacing} replacement(s) starting`,
      });
    }
    if (!target) {
      this.#throttles++;
      if (this.#ready.length > this.#throttledAt) this.#throttledAt = this.#ready.length;
      return Promise.resolve({ kind: 'throttled', reason: 'SlotsExhausted', limit: this.#compute.maxConcurrency, message: this.#throttleMessage });
    }
    const environment = target;
    if (targetLoad === 0) this.#idleSinceMs.delete(environment);
    if (++this.#inFlight > this.#peakInFlight) this.#peakInFlight = this.#inFlight;
    // A timed-out LMI invocation is not killed: its slot stays taken until the handler ends.
    return runInvocation(environment, event, requestId, this.spec.timeoutMs, () => {
      this.#inFlight--;
      if (environment.inFlight > 0) return;
      if (this.#draining.has(environment)) this.#retire(environment);
      else this.#idleSinceMs.set(environment, Date.now());
    }).then((settled) => Object.assign(settled, { environmentId: environment.id, initDurationMs: undefined }));
  }

  #tick(): void {
    const now = Date.now();
    const intervalSec = Math.max(0.001, (now - this.#lastTickMs) / 1000);
    this.#lastTickMs = now;
    const environments = this.#ready.length;
    const cpuUtilization = this.#cpuUtilizationSinceTick(intervalSec);
    const delayMs = this.#compute.scaleInDelayMs ?? defaultScaleInDelayMs;
    const idle = this.#ready
      .filter((e) => e.inFlight === 0 && now - (this.#idleSinceMs.get(e) ?? now) >= delayMs)
      .sort((a, b) => (this.#idleSinceMs.get(a) ?? 0) - (this.#idleSinceMs.get(b) ?? 0));
    const decision = scaleDecision({
      environments,
      starting: this.#starting.size + this.#awaitingInstance.size,
      minEnvironments: this.#compute.minEnvironments,
      maxEnvironments: this.#compute.maxEnvironments ?? Number.POSITIVE_INFINITY,
      slotsPerEnvironment: this.#compute.maxConcurrency,
      vcpusPerEnvironment: this.#vcpus,
      target: this.#target,
      peakInFlight: this.#peakInFlight,
      throttles: this.#throttles,
      environmentsWhenThrottled: this.#throttledAt,
      cpuUtilization,
      idleEnvironments: idle.length,
    });
    this.#peakInFlight = this.#inFlight;
    this.#throttles = 0;
    this.#throttledAt = 0;
    if (decision.action === 'out') {
      for (let i = 0; i < decision.add; i++) {
        const launch = this.#launch();
        if (!launch) break;
        // A failed scale-out start is retried by a later tick; it must not crash the engine.
        launch.catch(() => undefined);
      }
      this.#recordCapacity();
    } else if (decision.action === 'in') {
      for (const environment of idle.slice(0, decision.remove)) this.#retire(environment);
    }
    if (decision.action !== 'drain') {
      this.#surplusSinceMs = undefined;
    } else if (this.#surplusSinceMs === undefined) {
      this.#surplusSinceMs = now;
    } else if (now - this.#surplusSinceMs >= delayMs) {
      this.#surplusSinceMs = undefined;
      // The least busy first: their last invocations end soonest.
      const leastBusy = [...this.#ready].sort((a, b) => a.inFlight - b.inFlight).slice(0, decision.remove);
      for (const environment of leastBusy) this.#drain(environment);
    }
  }

  /** Stops routing to an environment; it is retired when its invocations in flight have ended. */
  #drain(environment: Environment): void {
    const at = this.#ready.indexOf(environment);
    if (at === -1) return;
    if (environment.inFlight === 0) {
      this.#retire(environment);
      return;
    }
    this.#ready.splice(at, 1);
    this.#idleSinceMs.delete(environment);
    this.#draining.add(environment);
  }

  /**
   * Mean CPU utilisation of the environments in service over the last interval. Only those
   * that were in service for the whole interval count: a new environment's init and a retired
   * one's last moments are not load.
   */
  #cpuUtilizationSinceTick(intervalSec: number): number {
    let cpuSeconds = 0;
    let measured = 0;
    const seen = new Map<Environment, number>();
    for (const environment of this.#ready) {
      const total = environment.cpuSeconds();
      seen.set(environment, total);
      const before = this.#cpuAtTick.get(environment);
      if (before === undefined) continue;
      cpuSeconds += Math.max(0, total - before);
      measured++;
    }
    this.#cpuAtTick = seen;
    return measured === 0 ? 0 : cpuSeconds / (intervalSec * measured * this.#vcpus);
  }

  /** A runtime that died on its own: out of service, and a replacement started at once. */
  #crashed(environment: Environment, reason: string): void {
    // A draining environment was leaving anyway: retired, not replaced.
    if (this.#draining.has(environment)) {
      this.#retire(environment);
      return;
    }
    if (this.#ready.indexOf(environment) === -1) return;
    this.#crashes++;
    this.#lastCrash = reason;
    this.#retire(environment);
    if (this.#stopped) return;
    const launch = this.#launch();
    if (launch) {
      this.#replacing++;
      // A replacement whose init fails is left to the scaler's next tick, like a failed scale-out.
      launch.then(
        () => this.#replacing--,
        () => this.#replacing--,
      );
    }
    this.#recordCapacity();
  }

  /** Takes an environment out of service (scale-in, drained, or a crashed runtime) and frees its vCPUs. */
  #retire(environment: Environment): void {
    const at = this.#ready.indexOf(environment);
    if (at === -1 && !this.#draining.delete(environment)) return;
    if (at !== -1) this.#ready.splice(at, 1);
    this.#idleSinceMs.delete(environment);
    this.#placement.release(environment.instanceId);
    this.finalSample(environment);
    void environment.stop();
    this.#recordCapacity();
  }

  #recordCapacity(): void {
    this.store.recordCapacity(this.spec.name, this.#placement.point(Date.now()));
  }

  environments(): Environment[] {
    return [...this.#ready, ...this.#draining, ...this.#starting];
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.stopSampling();
    if (this.#scaler) clearInterval(this.#scaler);
    // Launches still waiting for their instance never start; their promises stay pending, and
    // nothing awaits them (scale-out launches are not awaited).
    for (const [timer, instanceId] of this.#awaitingInstance) {
      clearTimeout(timer);
      this.#placement.release(instanceId);
    }
    this.#awaitingInstance.clear();
    const all = this.environments();
    for (const environment of all) {
      if (environment.state !== 'initializing') this.finalSample(environment);
      this.#placement.release(environment.instanceId);
    }
    this.#ready.length = 0;
    this.#draining.clear();
    this.#starting.clear();
    await Promise.all(all.map((e) => e.stop()));
    this.#recordCapacity();
  }
}
