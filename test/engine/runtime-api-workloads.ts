/**
 * Workload folders for Java and OS-only runtimes, written into a temp folder removed when the
 * test process ends (never into the repository): Java sources compiled here with javac (and
 * packed with jar), shell bootstraps with or without their run bit.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { testTempDir } from '../temp-dir.ts';

const made: string[] = [];
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function workloadDir(name: string, runtime: string, entry: { handler: string; code: string }): string {
  const dir = testTempDir(`lmi-bench-${name}-`);
  made.push(dir);
  const manifest = { name, description: name, kind: 'io', memoryMb: 512, event: {}, runtimes: { [runtime]: entry } };
  writeFileSync(join(dir, 'workload.json'), JSON.stringify(manifest));
  return dir;
}

/** Jars already built in this process, by their sources: javac's start-up is most of a second. */
const jars = new Map<string, string>();

/** The jar of `sources` (path → text), built once per process and shared by the workloads that copy it. */
function builtJar(sources: Record<string, string>): string {
  const key = JSON.stringify(Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)));
  const known = jars.get(key);
  if (known !== undefined) return known;
  const dir = testTempDir('lmi-bench-jar-');
  made.push(dir);
  const src = join(dir, 'src');
  for (const [path, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(src, path)), { recursive: true });
    writeFileSync(join(src, path), text);
  }
  const classes = join(dir, 'classes');
  execFileSync('javac', ['--release', '17', '-d', classes, ...Object.keys(sources).map((p) => join(src, p))], { stdio: 'pipe' });
  const jar = join(dir, 'code.jar');
  execFileSync('jar', ['cf', jar, '-C', classes, '.'], { stdio: 'pipe' });
  jars.set(key, jar);
  return jar;
}

/** A Java workload whose code is a jar built from `sources` (path → text); the handler as given. */
export function javaJarWorkload(name: string, handler: string, sources: Record<string, string>): string {
  const dir = workloadDir(name, 'java', { handler, code: 'code.jar' });
  copyFileSync(builtJar(sources), join(dir, 'code.jar'));
  return dir;
}

/** A Java workload whose code is a folder of .java sources (the engine compiles them). */
export function javaSourceWorkload(name: string, handler: string, sources: Record<string, string>): string {
  const dir = workloadDir(name, 'java', { handler, code: 'java' });
  for (const [path, text] of Object.entries(sources)) {
    mkdirSync(dirname(join(dir, 'java', path)), { recursive: true });
    writeFileSync(join(dir, 'java', path), text);
  }
  return dir;
}

/** An OS-only workload whose bootstrap is `script`, executable unless told otherwise. */
export function providedWorkload(name: string, script: string, options: { executable?: boolean } = {}): string {
  const dir = workloadDir(name, 'provided', { handler: 'script.handler', code: 'runtime' });
  mkdirSync(join(dir, 'runtime'));
  const bootstrap = join(dir, 'runtime', 'bootstrap');
  writeFileSync(bootstrap, script);
  chmodSync(bootstrap, options.executable === false ? 0o644 : 0o755);
  return dir;
}
