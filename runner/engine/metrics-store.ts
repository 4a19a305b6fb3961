/**
 * Everything the engine observed, kept per function: the raw material the CloudWatch API,
 * the stats endpoint and the tests read. Append-only while a function exists.
 *
 * Every change is one StoreWrite, and a listener sees each in order: the CloudWatch query
 * thread keeps a replica this way (cloudwatch/query-thread.ts).
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

/** One change to the store, as the replica receives it. */
export type StoreWrite =
  | { kind: 'invocation'; record: InvocationRecord }
  | { kind: 'cpu'; functionName: string; sample: CpuSample }
  | { kind: 'capacity'; functionName: string; point: CapacityPoint }
  | { kind: 'forget'; functionName: string };

interface FunctionRecords {
  invocations: InvocationRecord[];
  cpu: CpuSample[];
  capacity: CapacityPoint[];
}

export class MetricsStore {
  readonly #byFunction = new Map<string, FunctionRecords>();
  #earliestMs = Infinity;
  readonly #listeners = new Set<(write: StoreWrite) => void>();

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
    this.apply({ kind: 'invocation', record });
  }

  recordCpu(functionName: string, sample: CpuSample): void {
    this.apply({ kind: 'cpu', functionName, sample });
  }

  recordCapacity(functionName: string, point: CapacityPoint): void {
    this.apply({ kind: 'capacity', functionName, point });
  }

  forget(functionName: string): void {
    this.apply({ kind: 'forget', functionName });
  }

  apply(write: StoreWrite): void {
    switch (write.kind) {
      case 'invocation':
        this.#records(write.record.functionName).invocations.push(write.record);
        this.#earlier(write.record.startMs);
        break;
      case 'cpu':
        this.#records(write.functionName).cpu.push(write.sample);
        // The sample covers the interval before it.
        this.#earlier(write.sample.atMs - write.sample.intervalMs);
        break;
      case 'capacity':
        this.#records(write.functionName).capacity.push(write.point);
        this.#earlier(write.point.atMs);
        break;
      case 'forget':
        this.#byFunction.delete(write.functionName);
        break;
    }
    for (const listener of this.#listeners) listener(write);
  }

  #earlier(atMs: number): void {
    if (atMs < this.#earliestMs) this.#earliestMs = atMs;
  }

  /** Calls `listener` with every later write, in order; the returned function stops it. */
  onWrite(listener: (write: StoreWrite) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The writes that rebuild this store, functions in the order they first appeared. */
  contents(): StoreWrite[] {
    return [...this.#byFunction].flatMap(([functionName, records]): StoreWrite[] => [
      ...records.invocations.map((record): StoreWrite => ({ kind: 'invocation', record })),
      ...records.cpu.map((sample): StoreWrite => ({ kind: 'cpu', functionName, sample })),
      ...records.capacity.map((point): StoreWrite => ({ kind: 'capacity', functionName, point })),
    ]);
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
}
