/**
 * Packing of LMI execution environments onto emulated EC2 instances of the capacity
 * provider's type. An instance holds as many environments as the sizing model says
 * (environmentsPerInstance in capacity/lmi-sizing.ts: vCPUs AND memory, less the per-instance
 * reservation), so the engine and the model pack by one rule. The capacity provider keeps at
 * least one instance in each of 3 AZs (the service starts 3 instances on publish for AZ
 * resiliency), spreads environments over the AZs, and never holds more instance vCPUs than
 * MaxVCpuCount.
 *
 * The 3 base instances run from publish. An instance added later is launching for the launch
 * delay (on AWS new instances take 1 to 2 minutes, docs/lmi-facts.md): environments placed on
 * it may start only when it runs, so a scale-out that needs instances waits as it does on AWS.
 * A new environment goes to a running instance with room first, then to a launching one, then
 * to a new instance. Pure bookkeeping on the caller's clock, no timers.
 */
import { environmentsPerInstance, type EnvironmentShape, type InstanceReservation } from '../capacity/lmi-sizing.ts';

/** The engine spec's absent reservation means none (the plan always states one). */
const noReservation: InstanceReservation = { vcpus: 0, memoryGiB: 0 };
import type { CapacityPoint } from './protocol.ts';

export const availabilityZones = ['az-a', 'az-b', 'az-c'] as const;

interface Instance {
  id: string;
  az: string;
  environments: number;
  /** When the instance runs; the base instances run from publish. */
  readyAtMs: number;
}

export interface PlacementOptions {
  instance: { vcpus: number; memoryGiB: number };
  environment: EnvironmentShape;
  reservation?: InstanceReservation;
  maxVcpus: number;
  /** From launching an instance to its running (default 0: at once). */
  launchDelayMs?: number;
}

export class Placement {
  readonly #instanceVcpus: number;
  readonly #environmentVcpus: number;
  readonly #perInstance: number;
  readonly #maxVcpus: number;
  readonly #launchDelayMs: number;
  readonly #instances: Instance[] = [];
  #nextInstance = 0;

  constructor(options: PlacementOptions) {
    this.#instanceVcpus = options.instance.vcpus;
    this.#environmentVcpus = options.environment.vcpus;
    this.#maxVcpus = options.maxVcpus;
    this.#launchDelayMs = options.launchDelayMs ?? 0;
    this.#perInstance = environmentsPerInstance(options.instance, options.environment, options.reservation ?? noReservation);
    if (this.#perInstance < 1) {
      throw new RangeError(
        `an environment of ${options.environment.vcpus} vCPU / ${options.environment.memoryGiB} GiB does not fit on an instance of ${options.instance.vcpus} vCPU / ${options.instance.memoryGiB} GiB` +
          (options.reservation ? ` less ${options.reservation.vcpus} vCPU and ${options.reservation.memoryGiB} GiB reserved` : ''),
      );
    }
    if (availabilityZones.length * options.instance.vcpus > options.maxVcpus) {
      throw new RangeError(
        `maxVcpus ${options.maxVcpus} cannot hold one ${options.instance.vcpus}-vCPU instance in each of ${availabilityZones.length} availability zones`,
      );
    }
    for (const az of availabilityZones) this.#addInstance(az, Number.NEGATIVE_INFINITY);
  }

  /** Environments one instance holds. */
  get environmentsPerInstance(): number {
    return this.#perInstance;
  }

  #addInstance(az: string, readyAtMs: number): Instance {
    const instance = { id: `i-${String(this.#nextInstance++).padStart(4, '0')}-${az}`, az, environments: 0, readyAtMs };
    this.#instances.push(instance);
    return instance;
  }

  /**
   * Instance id for a new environment placed at `atMs`, or null when MaxVCpuCount is reached.
   * readyAt(id) says when the environment may start.
   */
  place(atMs = 0): string | null {
    // The AZ with the fewest environments first, so environments stay spread; a running
    // instance before a launching one, so no environment waits that need not.
    const byAz = availabilityZones
      .map((az) => ({ az, environments: this.#instances.filter((i) => i.az === az).reduce((n, i) => n + i.environments, 0) }))
      .sort((a, b) => a.environments - b.environments);
    for (const running of [true, false]) {
      for (const { az } of byAz) {
        const fits = this.#instances.find((i) => i.az === az && i.environments < this.#perInstance && i.readyAtMs <= atMs === running);
        if (fits) return this.#occupy(fits);
      }
    }
    if ((this.#instances.length + 1) * this.#instanceVcpus > this.#maxVcpus) return null;
    const first = byAz[0];
    return first ? this.#occupy(this.#addInstance(first.az, atMs + this.#launchDelayMs)) : null;
  }

  /** When the instance runs (and an environment on it may start); -Infinity for the base ones. */
  readyAt(instanceId: string): number {
    return this.#instances.find((i) => i.id === instanceId)?.readyAtMs ?? Number.NEGATIVE_INFINITY;
  }

  #occupy(instance: Instance): string {
    instance.environments += 1;
    return instance.id;
  }

  /** Frees an environment's place; an emptied instance beyond the per-AZ base is released. */
  release(instanceId: string): void {
    const instance = this.#instances.find((i) => i.id === instanceId);
    if (!instance || instance.environments === 0) return;
    instance.environments -= 1;
    const sameAz = this.#instances.filter((i) => i.az === instance.az).length;
    if (instance.environments === 0 && sameAz > 1) this.#instances.splice(this.#instances.indexOf(instance), 1);
  }

  /** Whether one more environment could be placed. */
  canPlace(): boolean {
    if (this.#instances.some((i) => i.environments < this.#perInstance)) return true;
    return (this.#instances.length + 1) * this.#instanceVcpus <= this.#maxVcpus;
  }

  point(atMs: number): CapacityPoint {
    const environments = this.#instances.reduce((n, i) => n + i.environments, 0);
    const launching = this.#instances.filter((i) => i.readyAtMs > atMs);
    return {
      atMs,
      environments,
      instances: this.#instances.length,
      vcpusAllocated: environments * this.#environmentVcpus,
      vcpusAvailable: this.#instances.length * this.#instanceVcpus,
      instancesLaunching: launching.length,
      environmentsAwaitingInstance: launching.reduce((n, i) => n + i.environments, 0),
    };
  }
}
