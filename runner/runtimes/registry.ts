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
  /**
   * Node.js: each environment a node process in namespaces of its own (engine/isolation.ts),
   * complete; where this machine cannot make them, a process group with /tmp paths of the fs API mapped.
   */
  | 'environment-namespaces'
  /**
   * Environments are processes in namespaces of their own (engine/isolation.ts), complete;
   * where this machine cannot make them, /tmp paths of the Python file API are mapped.
   */
  | 'process-mount-namespace'
  /**
   * Runtime API runtimes: processes in namespaces of their own, complete; where this machine
   * cannot make them, the folder is only TMPDIR (and java.io.tmpdir): a literal /tmp path is the host's.
   */
  | 'process-namespace-or-tmpdir';

/**
 * How a workload names its handler: a module file in the folder (`file.export`), or the code
 * Lambda is given as a package plus the handler string as the runtime reads it from _HANDLER
 * (runner/workload/runtime-api-code.ts).
 */
export type Packaging =
  | { readonly kind: 'handler-file' }
  | { readonly kind: 'code'; readonly handlerPattern: RegExp; readonly handlerForm: string; readonly code: 'jar-or-folder' | 'folder' };

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
  readonly packaging: Packaging;
  /**
   * Whether the engine's bootstrap for this runtime records, per invocation, the temp files,
   * globals and pending work `lmi-bench safety` judges (runtimes/safety-node.mjs, safety_hooks.py).
   * Without it, safety still judges answers (cross-talk, differential), not what a handler touched.
   */
  readonly safetyHooks: boolean;
  /**
   * Whether concurrent invocations in one LMI environment share module state (globals, static
   * fields): threads of one process do (Node.js, Java, .NET, an OS-only runtime's own threads);
   * Python's one process per slot does not, so a changed global there is no cross-talk.
   */
  readonly moduleStateShared: boolean;
  /** Whether the local engine can run it; when not, why and what to do, one line (bench exits 2 with it). */
  readonly localEngine: { readonly kind: 'runs' } | { readonly kind: 'unavailable'; readonly why: string };
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
    // Lambda's Node.js runtime tries .js, then .mjs, then .cjs.
    handlerExtensions: ['.js', '.mjs', '.cjs', '.ts'],
    // The engine loads .ts handlers through tsx; Lambda's Node.js runtime loads JavaScript only.
    localOnlyExtensions: ['.ts'],
    tmpIsolation: 'environment-namespaces',
    packaging: { kind: 'handler-file' },
    safetyHooks: true,
    moduleStateShared: true,
    localEngine: { kind: 'runs' },
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
    packaging: { kind: 'handler-file' },
    safetyHooks: true,
    moduleStateShared: false,
    localEngine: { kind: 'runs' },
  },
  java: {
    name: 'java',
    displayName: 'Java',
    lambdaRuntimeId: 'java21',
    lambdaRuntimePrefix: 'java',
    cdkRuntime: 'JAVA_21',
    lmiMinimum: 'Java 21',
    maxConcurrencyPerVcpu: 32,
    handlerExtensions: [],
    localOnlyExtensions: [],
    tmpIsolation: 'process-namespace-or-tmpdir',
    // A fat jar or a classes folder, as Lambda takes it; a folder of .java sources the engine compiles (and infra packages compiled).
    packaging: { kind: 'code', handlerPattern: /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(::[A-Za-z_$][\w$]*)?$/, handlerForm: 'package.Class::method', code: 'jar-or-folder' },
    safetyHooks: false,
    moduleStateShared: true,
    localEngine: { kind: 'runs' },
  },
  dotnet: {
    name: 'dotnet',
    displayName: '.NET',
    lambdaRuntimeId: 'dotnet8',
    lambdaRuntimePrefix: 'dotnet',
    cdkRuntime: 'DOTNET_8',
    lmiMinimum: '.NET 8',
    maxConcurrencyPerVcpu: 32,
    handlerExtensions: [],
    localOnlyExtensions: [],
    tmpIsolation: 'process-namespace-or-tmpdir',
    // A `dotnet publish` output folder.
    packaging: { kind: 'code', handlerPattern: /^[\w.]+::[\w.]+::\w+$/, handlerForm: 'Assembly::Namespace.Class::Method', code: 'folder' },
    safetyHooks: false,
    moduleStateShared: true,
    localEngine: {
      kind: 'unavailable',
      why: 'the local engine cannot run .NET handlers (it has no .NET runtime host): bench it with --target aws, or publish it self-contained for Linux and run it here as an OS-only runtime ("provided", a folder with an executable bootstrap)',
    },
  },
  provided: {
    name: 'provided',
    displayName: 'OS-only (provided.al2023)',
    lambdaRuntimeId: 'provided.al2023',
    lambdaRuntimePrefix: 'provided',
    cdkRuntime: 'PROVIDED_AL2023',
    lmiMinimum: 'provided.al2023',
    // AWS documents 8 per vCPU for Rust (Tokio tasks) on provided.al2023 (docs/lmi-facts.md).
    maxConcurrencyPerVcpu: 8,
    handlerExtensions: [],
    localOnlyExtensions: [],
    tmpIsolation: 'process-namespace-or-tmpdir',
    // A folder with an executable `bootstrap`, run as provided.al2023 runs it.
    packaging: { kind: 'code', handlerPattern: /^\S+$/, handlerForm: 'any name without spaces (the bootstrap reads it from _HANDLER)', code: 'folder' },
    safetyHooks: false,
    moduleStateShared: true,
    localEngine: { kind: 'runs' },
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
