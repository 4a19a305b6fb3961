/** The workload folder format (README "Workloads"). */
import type { Runtime } from '../runtimes/registry.ts';

export type WorkloadKind = 'io' | 'cpu' | 'mixed';

export interface WorkloadManifest {
  name: string;
  description: string;
  kind: WorkloadKind;
  /** Memory for the standard Lambda function; LMI functions use at least 2048 MB. */
  memoryMb: number;
  /** Default request body sent by the load generator. */
  event: Record<string, unknown>;
  /**
   * Handler per runtime. Node.js and Python: relative to the folder, in Lambda's `file.export`
   * form. Java, OS-only (provided) and .NET: the handler string as Lambda takes it
   * (`package.Class::method` for Java) and `code`, the jar or folder inside the workload folder
   * that Lambda would be given (runtime-api-code.ts).
   */
  runtimes: Partial<Record<Runtime, { handler: string; code?: string }>>;
}

/** A manifest that was read and validated, with where it came from. */
export interface Workload {
  manifest: WorkloadManifest;
  /** Absolute path of the workload folder. */
  dir: string;
  /** True for the folders shipped under workloads/. */
  builtIn: boolean;
}
