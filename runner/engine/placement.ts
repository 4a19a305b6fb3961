/**
 * Packing of LMI execution environments onto emulated EC2 instances of the capacity
 * provider's type. The capacity provider keeps at least one instance in each of 3 AZs (the
 * service starts 3 instances on publish for AZ resiliency), spreads environments over the
 * AZs, and never holds more instance vCPUs than MaxVCpuCount. Pure bookkeeping, no timers.
 */
import type { CapacityPoint } from './protocol.ts';

export const availabilityZones = ['az-a', 'az-b', 'az-c'] as const;

interface Instance {
  id: string;
  az: string;
  vcpusUsed: number;
  environments: number;
}

export class Placement {
  readonly #instanceVcpus: number;
  readonly #maxVcpus: number;
  readonly #instances: Instance[] = [];
  #nextInstance = 0;

  constructor(options: { instanceVcpus: number; maxVcpus: number }) {
    this.#instanceVcpus = options.instanceVcpus;
    this.#maxVcpus = options.maxVcpus;
    if (availabilityZones.length * options.instanceVcpus > options.maxVcpus) {
      throw new RangeError(
        `maxVcpus ${options.maxVcpus} cannot hold one ${options.instanceVcpus}-vCPU instance in each of ${availabilityZones.length} availability zones`,
      );
    }
    for (const az of availabilityZones) this.#addInstance(az);
  }

  #addInstance(az: string): Instance {
    const instance = { id: `i-${String(this.#nextInstance++).padStart(4, '0')}-${az}`, az, vcpusUsed: 0, environments: 0 };
    this.#instances.push(instance);
    return instance;
  }

  /** Instance id for a new environment of `vcpus`, or null when MaxVCpuCount is reached. */
  place(vcpus: number): string | null {
    // The AZ with the fewest environments first, so environments stay spread.
    const byAz = availabilityZones
      .map((az) => ({ az, environments: this.#instances.filter((i) => i.az === az).reduce((n, i) => n + i.environments, 0) }))
      .sort((a, b) => a.environments - b.environments);
    for (const { az } of byAz) {
      const fits = this.#instances.find((i) => i.az === az && i.vcpusUsed + vcpus <= this.#instanceVcpus + 1e-9);
      if (fits) return this.#occupy(fits, vcpus);
    }
    if ((this.#instances.length + 1) * this.#instanceVcpus > this.#maxVcpus) return null;
    const first = byAz[0];
    return first ? this.#occupy(this.#addInstance(first.az), vcpus) : null;
  }

  #occupy(instance: Instance, vcpus: number): string {
    instance.vcpusUsed += vcpus;
    instance.environments += 1;
    return instance.id;
  }

  /** Frees an environment's vCPUs; an emptied instance beyond the per-AZ base is released. */
  release(instanceId: string, vcpus: number): void {
    const instance = this.#instances.find((i) => i.id === instanceId);
    if (!instance) return;
    instance.vcpusUsed = Math.max(0, instance.vcpusUsed - vcpus);
    instance.environments -= 1;
    const sameAz = this.#instances.filter((i) => i.az === instance.az).length;
    if (instance.environments === 0 && sameAz > 1) this.#instances.splice(this.#instances.indexOf(instance), 1);
  }

  /** Whether one more environment of `vcpus` could be placed. */
  canPlace(vcpus: number): boolean {
    if (this.#instances.some((i) => i.vcpusUsed + vcpus <= this.#instanceVcpus + 1e-9)) return true;
    return (this.#instances.length + 1) * this.#instanceVcpus <= this.#maxVcpus;
  }

  point(atMs: number): CapacityPoint {
    return {
      atMs,
      environments: this.#instances.reduce((n, i) => n + i.environments, 0),
      instances: this.#instances.length,
      vcpusAllocated: this.#instances.reduce((n, i) => n + i.vcpusUsed, 0),
      vcpusAvailable: this.#instances.length * this.#instanceVcpus,
    };
  }
}
