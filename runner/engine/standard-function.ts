/**
 * The standard Lambda model: an environment serves one invocation at a time; a request that
 * finds no idle environment starts one on the request path (a cold start, whose init
 * duration is reported on that invocation); idle environments are reused most-recent first
 * and reaped after the idle timeout; past the concurrency limit, requests are throttled.
 */
import { InitError, type Environment } from './environment.ts';
import { coldStart } from './cold-start.ts';
import { runInvocation, type Handled } from './invocation.ts';
import { FunctionRuntime } from './function-runtime.ts';
import type { StandardComputeSpec } from './protocol.ts';
import { lambdaVcpus } from '../capacity/lambda-cpu-share.ts';

export class StandardFunction extends FunctionRuntime {
  readonly #all = new Set<Environment>();
  /** Idle environments, most recently used last. */
  readonly #idle: Environment[] = [];
  readonly #idleSinceMs = new Map<Environment, number>();
  #active = 0;
  #reaper: NodeJS.Timeout | undefined;
  /** The deploy's init probe while it runs: a shutdown then must stop it too. */
  #probe: Environment | undefined;
  #stopped = false;

  get #compute(): StandardComputeSpec {
    return this.spec.compute as StandardComputeSpec;
  }

  environmentVcpus(): number {
    return lambdaVcpus(this.#compute.memoryMb);
  }

  /**
   * Standard Lambda initialises on the first invocation, but a deploy must still fail when
   * the handler cannot initialise: one environment is started to prove init works (with the
   * retry a timed-out init gets, cold-start.ts), then stopped, so the first request of a run is
   * still a real cold start.
   */
  async start(): Promise<void> {
    const started = await coldStart(
      this.initLimit(),
      (limit) => (this.#probe = this.createEnvironment(1, 'standard', 1, limit)),
      () => undefined,
      () => !this.#stopped,
    );
    this.#probe = undefined;
    await started.environment.stop();
    if (started.kind === 'failed') throw new InitError(started.message);
    if (this.#stopped) throw new Error('the function was stopped while it deployed');
    this.#recordCapacity();
    this.startSampling();
    const everyMs = Math.max(50, Math.min(1000, Math.floor(this.#compute.idleTimeoutMs / 4)));
    this.#reaper = setInterval(() => this.#reap(), everyMs);
    this.#reaper.unref();
  }

  async invoke(event: unknown, requestId: string): Promise<Handled> {
    const { concurrencyLimit } = this.#compute;
    if (this.#active >= concurrencyLimit) {
      return {
        kind: 'throttled',
        reason: 'ConcurrencyThrottles',
        limit: concurrencyLimit,
        message: `Rate Exceeded: concurrency limit of ${concurrencyLimit} reached`,
      };
    }
    this.#active++;
    try {
      let environment = this.#idle.pop();
      let initDurationMs: number | undefined;
      let suppressedInitMs = 0;
      if (environment) {
        this.#idleSinceMs.delete(environment);
      } else {
        const started = await coldStart(this.initLimit(), (limit) => this.#track(this.createEnvironment(1, 'standard', 1, limit)), (failed) => this.#discard(failed), () => !this.#stopped);
        if (started.kind === 'failed') {
          return { kind: 'init-error', message: started.message, environmentId: started.environment.id, initDurationMs: started.initDurationMs, durationMs: 0 };
        }
        environment = started.environment;
        initDurationMs = started.initDurationMs;
        suppressedInitMs = started.suppressedInitMs;
      }
      // After a suppressed init, the handler has what is left of the function timeout.
      const settled = await runInvocation(environment, event, requestId, Math.max(1, this.spec.timeoutMs - suppressedInitMs));
      settled.durationMs += suppressedInitMs;
      // A timed-out invocation leaves its environment in an unknown state: Lambda recycles it.
      if (settled.kind === 'timeout' || environment.state !== 'ready') {
        this.#discard(environment);
      } else {
        this.#idleSinceMs.set(environment, Date.now());
        this.#idle.push(environment);
      }
      return Object.assign(settled, { environmentId: environment.id, initDurationMs });
    } finally {
      this.#active--;
    }
  }

  #track(environment: Environment): Environment {
    environment.onDeath = (dead) => this.#discard(dead);
    this.#all.add(environment);
    this.#recordCapacity();
    return environment;
  }

  #discard(environment: Environment): void {
    if (!this.#all.delete(environment)) return;
    const idleAt = this.#idle.indexOf(environment);
    if (idleAt !== -1) this.#idle.splice(idleAt, 1);
    this.#idleSinceMs.delete(environment);
    if (environment.state !== 'initializing') this.finalSample(environment);
    void environment.stop();
    this.#recordCapacity();
  }

  #reap(): void {
    const cutoff = Date.now() - this.#compute.idleTimeoutMs;
    // The least recently used environments sit at the front of the idle stack.
    while (this.#idle.length > 0) {
      const oldest = this.#idle[0];
      if (!oldest || (this.#idleSinceMs.get(oldest) ?? 0) > cutoff) break;
      this.#discard(oldest);
    }
  }

  #recordCapacity(): void {
    this.store.recordCapacity(this.spec.name, { atMs: Date.now(), environments: this.#all.size, instances: 0, vcpusAllocated: 0, vcpusAvailable: 0 });
  }

  environments(): Environment[] {
    return [...this.#all];
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const probe = this.#probe;
    this.#probe = undefined;
    if (probe) await probe.stop();
    this.stopSampling();
    if (this.#reaper) clearInterval(this.#reaper);
    const all = [...this.#all];
    for (const environment of all) this.finalSample(environment);
    this.#all.clear();
    this.#idle.length = 0;
    await Promise.all(all.map((e) => e.stop()));
    this.#recordCapacity();
  }
}
