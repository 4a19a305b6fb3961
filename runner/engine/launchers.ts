/**
 * How the local engine runs each runtime of the registry (`runner/runtimes/registry.ts`): what
 * an environment is, how many threads an LMI environment runs, how many slots one environment
 * may hold on this machine, and which Lambda runtime identifier the engine really runs. A
 * `Record<Runtime, …>`, so a runtime added to the registry fails the type check until it has
 * its launcher here.
 */
import type { Runtime } from '../runtimes/registry.ts';
import type { Environment, EnvironmentOptions } from './environment.ts';
import { NodeEnvironment } from './node-environment.ts';
import { PythonEnvironment } from './python-environment.ts';
import { javaRuntimeId, nodeRuntimeId, pythonRuntimeId } from './lambda-api/runtime-id.ts';
import { RuntimeApiEnvironment } from './runtime-api/environment.ts';
import { launchJava, launchProvided } from './runtime-api/process-launch.ts';
import { UsageError } from '../errors.ts';
import { localEngineRefusal } from './local-refusal.ts';

export interface RuntimeLauncher {
  createEnvironment(options: EnvironmentOptions): Environment;
  /** Threads of one LMI environment of `vcpus` vCPUs. */
  threadsPerEnvironment(vcpus: number): number;
  /**
   * Slots one environment may hold on the local engine; null when only the service's 1–1600
   * applies. A limit of this engine, not of the service.
   */
  maxSlotsPerEnvironment: number | null;
  /** The Lambda runtime identifier of what the engine really runs the handler with. */
  runtimeId(): Promise<string>;
}

/** The Node.js runtime's override of its worker thread count on LMI. */
export const nodeWorkerCountVariable = 'AWS_LAMBDA_NODEJS_WORKER_COUNT';

/**
 * Worker threads of a Node.js LMI environment: one per vCPU of the environment (at least one),
 * unless AWS_LAMBDA_NODEJS_WORKER_COUNT (read from the engine's environment) says otherwise.
 */
export function nodeWorkerThreads(vcpus: number, env: NodeJS.ProcessEnv = process.env): number {
  const override = env[nodeWorkerCountVariable];
  if (override !== undefined && /^\d+$/.test(override.trim()) && Number(override) >= 1) return Math.min(Number(override), 64);
  return Math.max(1, Math.floor(vcpus + 1e-9));
}

/**
 * Python slots are OS processes: past this many per environment the machine, not the model,
 * becomes the limit. A limit of this engine, not of the service (which allows 1600).
 */
export const maxPythonSlotsPerEnvironment = 128;

export const launchers: Record<Runtime, RuntimeLauncher> = {
  node: {
    createEnvironment: (options) => new NodeEnvironment(options),
    threadsPerEnvironment: (vcpus) => nodeWorkerThreads(vcpus),
    maxSlotsPerEnvironment: null,
    runtimeId: async () => nodeRuntimeId(),
  },
  python: {
    createEnvironment: (options) => new PythonEnvironment(options),
    // One process per slot; the environment itself is not threaded.
    threadsPerEnvironment: () => 1,
    maxSlotsPerEnvironment: maxPythonSlotsPerEnvironment,
    runtimeId: pythonRuntimeId,
  },
  // One JVM per environment; its bootstrap runs AWS_LAMBDA_MAX_CONCURRENCY handler threads.
  java: {
    createEnvironment: (options) => new RuntimeApiEnvironment(options, launchJava),
    threadsPerEnvironment: () => 1,
    maxSlotsPerEnvironment: null,
    runtimeId: javaRuntimeId,
  },
  // The code's own bootstrap, run on this machine's OS: provided.al2023 is what it stands for.
  provided: {
    createEnvironment: (options) => new RuntimeApiEnvironment(options, launchProvided),
    threadsPerEnvironment: () => 1,
    maxSlotsPerEnvironment: null,
    runtimeId: async () => 'provided.al2023',
  },
  // Never deployed on the engine: spec validation refuses it first (registry localEngine).
  dotnet: {
    createEnvironment: () => {
      throw new UsageError(localEngineRefusal('dotnet') ?? 'the local engine cannot run .NET handlers');
    },
    threadsPerEnvironment: () => 1,
    maxSlotsPerEnvironment: null,
    runtimeId: async () => 'dotnet8',
  },
};
