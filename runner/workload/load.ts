import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { runtimeRegistry, runtimes, type Runtime } from '../runtimes/registry.ts';
import { isCodeRuntime, resolveCode, validateCodeEntry } from './runtime-api-code.ts';
import type { Workload, WorkloadManifest } from './manifest.ts';
import { workloadNameProblem } from './name.ts';
import { jsonDepthProblem } from '../system/json-depth.ts';
import { readInputFile } from '../system/read-input-file.ts';

export const builtInWorkloadsDir = fileURLToPath(new URL('../../workloads/', import.meta.url));

const kinds = ['io', 'cpu', 'mixed'] as const;

/** workload.json may hold an event up to Lambda's 6 MiB request limit, and some room around it. */
const maxManifestBytes = 8 * 1024 * 1024;

/** Names of the workloads shipped under workloads/. */
export function builtInWorkloadNames(): string[] {
  if (!existsSync(builtInWorkloadsDir)) return [];
  return readdirSync(builtInWorkloadsDir)
    .filter((name) => existsSync(join(builtInWorkloadsDir, name, 'workload.json')))
    .sort();
}

/**
 * Resolves `ref` (a built-in name like `io-bound`, or a folder path like `./my-fn`) to a
 * validated workload. Every problem is a UsageError with one line that names the fix.
 */
export function loadWorkload(ref: string, cwd: string = process.cwd()): Workload {
  const looksLikePath = ref.startsWith('.') || ref.startsWith('/') || ref.includes('/') || ref.includes('\\');
  let dir: string;
  let builtIn = false;
  if (looksLikePath) {
    dir = isAbsolute(ref) ? ref : resolve(cwd, ref);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`workload folder not found: ${ref}`);
  } else {
    dir = join(builtInWorkloadsDir, ref);
    builtIn = true;
    if (!existsSync(join(dir, 'workload.json'))) {
      const known = builtInWorkloadNames();
      throw new UsageError(`unknown workload '${ref}' (built-in: ${known.join(', ') || 'none'}; or pass a folder path)`);
    }
  }
  const manifestPath = join(dir, 'workload.json');
  if (!existsSync(manifestPath)) throw new UsageError(`no workload.json in ${ref}: a workload folder needs a manifest`);
  const text = readInputFile(manifestPath, { label: manifestPath, maxBytes: maxManifestBytes, limitReason: 'a manifest and its 6 MiB event' });
  const depthProblem = jsonDepthProblem(text);
  if (depthProblem !== undefined) throw new UsageError(`${manifestPath} ${depthProblem}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${manifestPath} is not valid JSON: ${(error as Error).message}`);
  }
  return { manifest: validateManifest(raw, manifestPath), dir, builtIn };
}

export function validateManifest(raw: unknown, where: string): WorkloadManifest {
  const fail = (what: string): never => {
    throw new UsageError(`${where}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('the manifest must be a JSON object');
  const m = raw as Record<string, unknown>;
  if (typeof m['name'] !== 'string' || m['name'].trim() === '') fail('"name" must be a non-empty string');
  // Checked before anything is measured: the name becomes file and resource names, and is printed.
  const nameProblem = workloadNameProblem(m['name'] as string);
  if (nameProblem !== undefined) fail(`"name" ${nameProblem}`);
  if (m['description'] !== undefined && typeof m['description'] !== 'string') fail('"description" must be a string');
  if (!kinds.includes(m['kind'] as (typeof kinds)[number])) fail(`"kind" must be one of ${kinds.join(', ')}`);
  const memoryMb = m['memoryMb'];
  if (typeof memoryMb !== 'number' || !Number.isInteger(memoryMb) || memoryMb < 128 || memoryMb > 10240) {
    fail('"memoryMb" must be a whole number from 128 to 10240');
  }
  const event = m['event'] ?? {};
  if (typeof event !== 'object' || event === null || Array.isArray(event)) fail('"event" must be a JSON object');
  const declared = m['runtimes'];
  if (typeof declared !== 'object' || declared === null || Array.isArray(declared)) return fail('"runtimes" must be an object');
  const entries = Object.entries(declared as Record<string, unknown>);
  if (entries.length === 0) fail(`"runtimes" must name at least one of ${runtimes.join(', ')}`);
  const out: WorkloadManifest['runtimes'] = {};
  for (const [runtime, value] of entries) {
    if (!runtimes.includes(runtime as Runtime)) fail(`unknown runtime "${runtime}" (supported: ${runtimes.join(', ')})`);
    if (isCodeRuntime(runtime as Runtime)) {
      out[runtime as Runtime] = validateCodeEntry(runtime as Runtime, value, fail);
      continue;
    }
    const handler = (value as { handler?: unknown } | null)?.handler;
    if (typeof handler !== 'string' || !/^[^.\s][^\s]*\.[A-Za-z_$][\w$]*$/.test(handler)) {
      fail(`runtimes.${runtime}.handler must look like "path/file.export"`);
    }
    if (escapesFolder(handler as string)) fail(`runtimes.${runtime}.handler "${handler as string}" points outside the workload folder: handler files must be inside it`);
    out[runtime as Runtime] = { handler: handler as string };
  }
  return {
    name: m['name'] as string,
    description: (m['description'] as string | undefined) ?? '',
    kind: m['kind'] as WorkloadManifest['kind'],
    memoryMb: memoryMb as number,
    event: event as Record<string, unknown>,
    runtimes: out,
  };
}

/**
 * True when the handler's file, resolved against the workload folder, would lie outside it
 * (`node/../../x.handler`, an absolute path): the engine would run whatever file that names.
 */
function escapesFolder(handler: string): boolean {
  const modulePath = handler.slice(0, handler.lastIndexOf('.')).replaceAll('\\', '/');
  if (posix.isAbsolute(modulePath) || /^[A-Za-z]:/.test(modulePath)) return true;
  const normalized = posix.normalize(modulePath);
  return normalized === '..' || normalized.startsWith('../');
}

/**
 * The handler file's real path, which must lie inside the workload folder's real path: the
 * manifest check is lexical, and a symlink (the file, or a folder on the way) would otherwise
 * run code from anywhere on the machine.
 */
function insideFolder(file: string, dir: string, handler: string): string {
  const realFile = realpathSync(file);
  const realDir = realpathSync(dir);
  const rel = relative(realDir, realFile);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new UsageError(`handler ${handler} is a link to a file outside the workload folder: handler files must be inside it`);
  }
  return file;
}

export interface ResolvedHandler {
  runtime: Runtime;
  /** Absolute path of the handler's source file; for Java, OS-only and .NET, of the code (runtime-api-code.ts). */
  file: string;
  /** Exported function name; for Java, OS-only and .NET, the handler string as Lambda takes it (_HANDLER). */
  exportName: string;
}

/** The handler file and export for a runtime; UsageError when the workload lacks the runtime or file. */
export function resolveHandler(workload: Workload, runtime: Runtime): ResolvedHandler {
  const entry = workload.manifest.runtimes[runtime];
  if (!entry) {
    const offered = Object.keys(workload.manifest.runtimes).join(', ');
    throw new UsageError(`workload '${workload.manifest.name}' has no ${runtime} handler (it offers: ${offered})`);
  }
  if (isCodeRuntime(runtime)) return { runtime, file: resolveCode(workload, runtime, entry.code ?? ''), exportName: entry.handler };
  const dot = entry.handler.lastIndexOf('.');
  const modulePath = entry.handler.slice(0, dot);
  const exportName = entry.handler.slice(dot + 1);
  const candidates = runtimeRegistry[runtime].handlerExtensions;
  for (const ext of candidates) {
    const file = join(workload.dir, modulePath + ext);
    if (existsSync(file)) return { runtime, file: insideFolder(file, workload.dir, entry.handler), exportName };
  }
  throw new UsageError(`handler file for ${entry.handler} not found in ${workload.dir} (tried ${candidates.join(', ')})`);
}
