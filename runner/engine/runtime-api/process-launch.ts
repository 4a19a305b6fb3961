/**
 * How each runtime that speaks the Runtime API is started: the command, its arguments and the
 * variables particular to it. Java: one JVM running the engine's bootstrap (runtimes/java/, JDK
 * only), its heap sized from the function's memory. OS-only runtimes (provided.al2023): the
 * code's own executable `bootstrap`, run from the code folder.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedHandler } from '../../workload/load.ts';
import { compiledClasses, javaCommand, javaSources } from '../../runtimes/java-build.ts';

export interface Launch {
  command: string;
  args: string[];
  /** LAMBDA_TASK_ROOT and the working folder. */
  taskRoot: string;
  executionEnv?: string;
  /**
   * Folders the runtime reads besides the task root (the compiled classes' cache): in an
   * environment's namespaces they stay at their paths even when they lie under /tmp.
   */
  readFolders: string[];
}

export interface LaunchInputs {
  handler: ResolvedHandler;
  memoryMb: number;
  /** The environment's /tmp as the runtime sees it: /tmp itself in namespaces, else the folder. */
  tmpDir: string;
  /** Built-in workloads name their cache folder after themselves. */
  label: string;
}

export type Launcher = (inputs: LaunchInputs) => Promise<Launch>;

const javaBootstrapSources = fileURLToPath(new URL('../runtimes/java/', import.meta.url));

/**
 * Java heap: 85% of the function's memory, leaving the rest to metaspace, code cache, thread
 * stacks and GC structures. Our choice (AWS does not publish its java21 heap flags); past the
 * function's memory the environment is killed as Lambda kills one (Runtime.OutOfMemory).
 */
export function javaHeapMb(memoryMb: number): number {
  return Math.max(16, Math.floor(memoryMb * 0.85));
}

/** A jar, a classes folder, or a folder of .java sources (compiled at first use into the cache). */
async function javaCode(code: string, label: string): Promise<string> {
  if (statSync(code).isDirectory() && javaSources(code).length > 0) return compiledClasses(code, label);
  return code;
}

export async function launchJava({ handler, memoryMb, tmpDir, label }: LaunchInputs): Promise<Launch> {
  const [bootstrap, code] = await Promise.all([compiledClasses(javaBootstrapSources, 'bootstrap'), javaCode(handler.file, label)]);
  return {
    command: javaCommand,
    args: [
      `-Xmx${javaHeapMb(memoryMb)}m`,
      // Serial GC: the collector the JVM itself picks for a small, single-vCPU machine. Full
      // tiered compilation: stopping at C1 would start faster but leaves CPU-heavy handlers
      // (SHA-256 in cpu-bound) without the C2 intrinsics, 20 times slower.
      '-XX:+UseSerialGC',
      '-Xshare:auto',
      `-Djava.io.tmpdir=${tmpDir}`,
      '-cp',
      bootstrap,
      'lmibench.Bootstrap',
      code,
    ],
    taskRoot: statSync(handler.file).isDirectory() ? handler.file : dirname(handler.file),
    executionEnv: 'AWS_Lambda_java21',
    readFolders: [bootstrap, statSync(code).isDirectory() ? code : dirname(code)],
  };
}

export async function launchProvided({ handler }: LaunchInputs): Promise<Launch> {
  const bootstrap = join(handler.file, 'bootstrap');
  if (!existsSync(bootstrap)) throw new Error(`no bootstrap in ${handler.file}`);
  return { command: bootstrap, args: [], taskRoot: handler.file, readFolders: [] };
}
