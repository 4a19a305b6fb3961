/**
 * The runtimes lmi-bench can run, one entry each: everything that differs between them is read
 * here (or, for code the engine runs, from a `Record<Runtime, …>` keyed by the same union), so
 * adding a runtime is one entry below plus its launcher in `runner/engine/launchers.ts`, and the
 * type checker names every table that still lacks it. No code branches on "node, else python".
 *
 * A leaf: imports no stage, so every stage (plan, engine, infra, advise, safety) may read it.
 */
import type * as cdkLambda from 'aws-cdk-lib/aws-lambda';

/** How an environment's invocations share /tmp on the local engine. */
export type TmpIsolationRule =
  /** Environments are threads of the engine process: /tmp paths of the file API are mapped, never complete. */
  | 'path-mapping'
  /** Environments are processes: complete where this machine lets a process have its own mount namespace. */
  | 'process-mount-namespace';

export interface RuntimeEntry {
  /** The bench's own name, as in a workload manifest's `runtimes` and `--runtime`. */
  readonly name: string;
  /** For people: "Node.js". */
  readonly displayName: string;
  /** The Lambda runtime identifier deployed on AWS (LMI's minimum version, and standard Lambda's for a fair comparison). */
  readonly lambdaRuntimeId: string;
  /** The prefix every Lambda runtime identifier of this language starts with (nodejs22.x, python3.13). */
  readonly lambdaRuntimePrefix: string;
  /** The name of the aws-cdk-lib `lambda.Runtime` constant the stack deploys. */
  readonly cdkRuntime: keyof typeof cdkLambda.Runtime;
  /** LMI's minimum version of the language, in words (docs/lmi-facts.md, "LMI behaviour"). */
  readonly lmiMinimum: string;
  /** LMI's documented default maximum concurrency per vCPU of an environment (docs/lmi-facts.md). */
  readonly maxConcurrencyPerVcpu: number;
  /** File layout: the extensions a handler's module may have, tried in this order. */
  readonly handlerExtensions: readonly string[];
  /** Extensions the local engine runs but Lambda's managed runtime does not (they need a build step first). */
  readonly localOnlyExtensions: readonly string[];
  /** How /tmp is kept per environment on the local engine, and so whether that isolation is complete. */
  readonly tmpIsolation: TmpIsolationRule;
}

export const runtimeRegistry = {
  node: {
    name: 'node',
    displayName: 'Node.js',
    lambdaRuntimeId: 'nodejs22.x',
    lambdaRuntimePrefix: 'nodejs',
    cdkRuntime: 'NODEJS_22_X',
    lmiMinimum: 'Node.js 22',
    maxConcurrencyPerVcpu: 64,
    handlerExtensions: ['.mjs', '.js', '.cjs', '.ts'],
    // The engine loads .ts handlers through tsx; Lambda's Node.js runtime loads JavaScript only.
    localOnlyExtensions: ['.ts'],
    tmpIsolation: 'path-mapping',
  },
  python: {
    name: 'python',
    displayName: 'Python',
    lambdaRuntimeId: 'python3.13',
    lambdaRuntimePrefix: 'python',
    cdkRuntime: 'PYTHON_3_13',
    lmiMinimum: 'Python 3.13',
    maxConcurrencyPerVcpu: 16,
    handlerExtensions: ['.py'],
    localOnlyExtensions: [],
    tmpIsolation: 'process-mount-namespace',
  },
} as const satisfies Record<string, RuntimeEntry>;

/** A runtime lmi-bench can run: a key of the registry. */
export type Runtime = keyof typeof runtimeRegistry;

/** Every runtime, in the registry's order (the first is the default where a workload offers several). */
export const runtimes = Object.keys(runtimeRegistry) as readonly Runtime[];

export function runtimeEntry(runtime: Runtime): RuntimeEntry {
  return runtimeRegistry[runtime];
}

/** The bench runtime a Lambda runtime identifier (nodejs20.x, python3.12) belongs to; null for other languages. */
export function runtimeOfLambdaId(lambdaRuntimeId: string): Runtime | null {
  return runtimes.find((runtime) => lambdaRuntimeId.startsWith(runtimeRegistry[runtime].lambdaRuntimePrefix)) ?? null;
}
