/**
 * Java sources compiled at first use into a cache outside the repository and the workload
 * folder: $LMI_BENCH_CACHE_DIR, else $XDG_CACHE_HOME/lmi-bench, else ~/.cache/lmi-bench, one
 * folder per hash of the sources and the compiler. Compiled with `--release 17`: the JDK this
 * engine is built against is 17 (Debian's default-jdk-headless), while AWS runs Java 21+, whose
 * JVM runs release-17 classes unchanged. Two engines compiling at once each compile into their own
 * folder and rename it into place; the loser keeps the winner's.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { errorMessage } from '../system/error-message.ts';

export const javaCommand = process.env['LMI_BENCH_JAVA'] ?? 'java';
const javacCommand = process.env['LMI_BENCH_JAVAC'] ?? 'javac';
const javaRelease = '17';

/** A JDK tool is missing or failed: the message is one line that says what to do. */
export class JavaBuildError extends Error {
  override readonly name = 'JavaBuildError';
}

export function cacheRoot(): string {
  const explicit = process.env['LMI_BENCH_CACHE_DIR'];
  if (explicit) return explicit;
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg && xdg !== '' ? xdg : join(homedir(), '.cache'), 'lmi-bench');
}

/** The .java files under `dir`, relative, sorted. */
export function javaSources(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.java')) out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** The build's own environment: JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS are for the function's JVM, not the compiler. */
function buildEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['JAVA_TOOL_OPTIONS'];
  delete env['JDK_JAVA_OPTIONS'];
  return env;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024, timeout: 300_000, env: buildEnv() }, (error, stdout, stderr) => {
      if (!error) return resolve(`${stdout}${stderr}`);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') reject(new JavaBuildError(`${command} not found: install a JDK 17 or later (Debian: apt-get install default-jdk-headless), or set LMI_BENCH_JAVAC`));
      else reject(new JavaBuildError(`${command} failed: ${firstErrorLine(`${stderr}${stdout}`) ?? errorMessage(error)}`));
    });
  });
}

function firstErrorLine(output: string): string | undefined {
  return output.split('\n').find((line) => /error/i.test(line))?.trim();
}

let compilerVersion: Promise<string> | undefined;
const builds = new Map<string, Promise<string>>();

/**
 * The classes folder of the .java files under `sourceDir`, compiled once per content. `label`
 * names the cache folder (e.g. bootstrap, io-bound).
 */
function sourcesKey(sourceDir: string, sources: string[], label: string): string {
  const hash = createHash('sha256');
  for (const file of sources) hash.update(file).update('\0').update(readFileSync(join(sourceDir, file))).update('\0');
  return `${label}-${hash.digest('hex').slice(0, 16)}`;
}

export function compiledClasses(sourceDir: string, label: string): Promise<string> {
  const sources = javaSources(sourceDir);
  const key = sourcesKey(sourceDir, sources, label);
  let build = builds.get(key);
  if (!build) {
    build = compile(sourceDir, sources, key);
    builds.set(key, build);
    build.catch(() => builds.delete(key));
  }
  return build;
}

async function compile(sourceDir: string, sources: string[], key: string): Promise<string> {
  compilerVersion ??= run(javacCommand, ['-version']).then((v) => v.trim());
  const version = (await compilerVersion).replace(/[^\w-]+/g, '_');
  const out = join(cacheRoot(), 'java', `${key}-${version}`);
  if (existsSync(out)) return out;
  await mkdir(join(cacheRoot(), 'java'), { recursive: true });
  const staging = `${out}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await run(javacCommand, ['--release', javaRelease, '-encoding', 'UTF-8', '-nowarn', '-d', staging, ...sources.map((f) => join(sourceDir, f))]);
    await rename(staging, out).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(out)) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return out;
}

/**
 * The same build, synchronously, for `cdk synth` (whose stack is built in a constructor): the
 * asset Lambda gets is the compiled classes folder, as a Java function's package holds them.
 */
export function compiledClassesSync(sourceDir: string, label: string): string {
  const sources = javaSources(sourceDir);
  const key = sourcesKey(sourceDir, sources, label);
  let version: string;
  try {
    version = execFileSync(javacCommand, ['-version'], { encoding: 'utf8', env: buildEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new JavaBuildError(`${javacCommand} not usable (${errorMessage(error).split('\n')[0] ?? ''}): install a JDK 17 or later (Debian: apt-get install default-jdk-headless), or set LMI_BENCH_JAVAC`);
  }
  const out = join(cacheRoot(), 'java', `${key}-${version.trim().replace(/[^\w-]+/g, '_')}`);
  if (existsSync(out)) return out;
  const staging = `${out}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    execFileSync(javacCommand, ['--release', javaRelease, '-encoding', 'UTF-8', '-nowarn', '-d', staging, ...sources.map((f) => join(sourceDir, f))], { env: buildEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      renameSync(staging, out);
    } catch (error) {
      if (!existsSync(out)) throw error;
    }
  } catch (error) {
    const output = `${(error as { stderr?: Buffer }).stderr?.toString() ?? ''}`;
    throw new JavaBuildError(`${javacCommand} failed: ${firstErrorLine(output) ?? errorMessage(error)}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return out;
}
