/**
 * Everything the engine observed, kept per function: the raw material the CloudWatch API,
 * the stats endpoint and the tests read. Append-only while a function exists.
 */
import type { CapacityPoint, InvocationRecord } from './protocol.ts';

/** CPU time one environment used over one sampling interval. */
export interface CpuSample {
  environmentId: string;
  /** End of the interval, epoch ms. */
  atMs: number;
  intervalMs: number;
  cpuSeconds: number;
  /** vCPUs the environment is entitled to (LMI: memory / GiB per vCPU; standard: memory share). */
  vcpus: number;
}

interface FunctionRecords {
  invocations: InvocationRecord[];
  cpu: CpuSample[];
  capacity: CapacityPoint[];
}

export class MetricsStore {
  readonly #byFunction = new Map<string, FunctionRecords>();
  #earliestMs = Infinity;

  #records(functionName: string): FunctionRecords {
    let records = this.#byFunction.get(functionName);
    if (!records) {
      records = { invocations: [], cpu: [], capacity: [] };
      this.#byFunction.set(functionName, records);
    }
    return records;
  }

  functionNames(): string[] {
    return [...this.#byFunction.keys()];
  }

  recordInvocation(record: InvocationRecord): void {
    this.#records(record.functionName).invocations.push(record);
    if (record.startMs < this.#earliestMs) this.#earliestMs = record.startMs;
  }

  recordCpu(functionName: string, sample: CpuSample): void {
    this.#records(functionName).cpu.push(sample);
    // The sample covers the interval before it.
    if (sample.atMs - sample.intervalMs < this.#earliestMs) this.#earliestMs = sample.atMs - sample.intervalMs;
  }

  recordCapacity(functionName: string, point: CapacityPoint): void {
    this.#records(functionName).capacity.push(point);
    if (point.atMs < this.#earliestMs) this.#earliestMs = point.atMs;
  }

  /** Invocations that started in [startMs, endMs), as CloudWatch attributes them to periods. */
  invocations(functionName: string, startMs: number, endMs: number): InvocationRecord[] {
    return (this.#byFunction.get(functionName)?.invocations ?? []).filter((r) => r.startMs >= startMs && r.startMs < endMs);
  }

  /** CPU samples whose interval ended in [startMs, endMs). */
  cpuSamples(functionName: string, startMs: number, endMs: number): CpuSample[] {
    return (this.#byFunction.get(functionName)?.cpu ?? []).filter((s) => s.atMs >= startMs && s.atMs < endMs);
  }

  /**
   * Capacity points in [startMs, endMs), preceded by the last point before startMs (the state
   * the window opened with), so a time-weighted mean over the window can be taken.
   */
  capacity(functionName: string, startMs: number, endMs: number): CapacityPoint[] {
    const points = this.#byFunction.get(functionName)?.capacity ?? [];
    const inWindow = points.filter((p) => p.atMs >= startMs && p.atMs < endMs);
    const before = points.filter((p) => p.atMs < startMs).at(-1);
    return before ? [before, ...inWindow] : inWindow;
  }

  /** No record starts before this (epoch ms); Infinity while the store is empty. */
  earliestMs(): number {
    return this.#earliestMs;
  }

  forget(functionName: string): void {
    this.#byFunction.delete(functionName);
  }
}
