/**
 * Workload entries of the runtimes Lambda starts through the Runtime API with code it was given
 * as a package (the registry's `packaging.kind === 'code'`): Java (a fat jar, a classes folder,
 * or a folder of .java sources the engine compiles), OS-only runtimes (`provided`: a folder with
 * an executable `bootstrap`) and .NET (a `dotnet publish` folder). The entry is
 * `{ "handler": ..., "code": "path in the folder" }`.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { UsageError } from '../errors.ts';
import { runtimeRegistry, type Packaging, type Runtime } from '../runtimes/registry.ts';
import type { Workload } from './manifest.ts';

type CodePackaging = Packaging & { kind: 'code' };

function codePackaging(runtime: Runtime): CodePackaging | undefined {
  const packaging: Packaging = runtimeRegistry[runtime].packaging;
  return packaging.kind === 'code' ? packaging : undefined;
}

export function isCodeRuntime(runtime: Runtime): boolean {
  return codePackaging(runtime) !== undefined;
}

/** Validates one manifest entry of a code runtime; `fail` throws the manifest's one-line error. */
export function validateCodeEntry(runtime: Runtime, value: unknown, fail: (what: string) => never): { handler: string; code: string } {
  const packaging = codePackaging(runtime);
  if (!packaging) return fail(`runtime ${runtime} takes a handler file, not code`);
  const entry = (value ?? {}) as { handler?: unknown; code?: unknown };
  if (typeof entry.handler !== 'string' || !packaging.handlerPattern.test(entry.handler)) fail(`runtimes.${runtime}.handler must look like ${packaging.handlerForm}`);
  if (typeof entry.code !== 'string' || entry.code === '') fail(`runtimes.${runtime}.code must name the code inside the workload folder (a jar or folder)`);
  const code = (entry.code as string).replaceAll('\\', '/');
  const normalized = posix.normalize(code);
  if (posix.isAbsolute(code) || /^[A-Za-z]:/.test(code) || normalized === '..' || normalized.startsWith('../')) {
    fail(`runtimes.${runtime}.code "${code}" points outside the workload folder: the code must be inside it`);
  }
  return { handler: entry.handler as string, code };
}

/** The absolute path of the code, checked as Lambda would refuse it; UsageError with one line otherwise. */
export function resolveCode(workload: Workload, runtime: Runtime, code: string): string {
  const path = join(workload.dir, code);
  if (!existsSync(path)) throw new UsageError(`${runtime} code ${code} not found in ${workload.dir}`);
  const isDir = statSync(path).isDirectory();
  if (codePackaging(runtime)?.code === 'jar-or-folder') {
    if (!isDir && !path.endsWith('.jar')) throw new UsageError(`${runtime} code ${code} must be a .jar, a classes folder or a folder of .java sources`);
  } else if (!isDir) {
    throw new UsageError(`${runtime} code ${code} must be a folder`);
  }
  if (runtime === 'provided') checkBootstrap(path, code);
  return path;
}

function checkBootstrap(dir: string, code: string): void {
  const bootstrap = join(dir, 'bootstrap');
  if (!existsSync(bootstrap) || statSync(bootstrap).isDirectory()) throw new UsageError(`${code}/bootstrap not found: an OS-only runtime needs an executable file named bootstrap in its code folder`);
  try {
    accessSync(bootstrap, constants.X_OK);
  } catch {
    throw new UsageError(`${code}/bootstrap is not executable: Lambda runs it as a program (chmod +x ${join(code, 'bootstrap')})`);
  }
}
