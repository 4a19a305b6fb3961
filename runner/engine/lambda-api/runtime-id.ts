/**
 * The Lambda runtime identifier of what the engine really runs a handler with: Node.js handlers
 * run on the engine's own Node (worker threads), Python handlers on `python3` (or
 * LMI_BENCH_PYTHON). The truth, not a runtime AWS would have picked: a reader checking LMI's
 * minimum runtime versions against the engine sees what it is measuring.
 */
import { execFile } from 'node:child_process';
import { pythonInterpreter } from '../../system/python-interpreter.ts';

export function nodeRuntimeId(version: string = process.versions.node): string {
  return `nodejs${version.split('.')[0] ?? version}.x`;
}

/** `Python 3.11.7` → python3.11; null when the output is not a Python version. */
export function pythonRuntimeIdFrom(versionOutput: string): string | null {
  const match = /Python\s+(\d+)\.(\d+)/.exec(versionOutput);
  return match ? `python${match[1]}.${match[2]}` : null;
}

export async function pythonRuntimeId(): Promise<string> {
  const interpreter = await pythonInterpreter();
  // A deployed Python function proves python3 ran; an unreadable version is still Python.
  return (interpreter ? pythonRuntimeIdFrom(interpreter.versionOutput) : null) ?? 'python3';
}

/** `openjdk version "17.0.15"` → java17; null when the output is not a Java version. */
export function javaRuntimeIdFrom(versionOutput: string): string | null {
  const match = /version\s+"(?:1\.)?(\d+)/.exec(versionOutput);
  return match ? `java${match[1]}` : null;
}

let java: Promise<string> | undefined;

export function javaRuntimeId(): Promise<string> {
  java ??= new Promise((resolve) => {
    execFile(process.env['LMI_BENCH_JAVA'] ?? 'java', ['-version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      resolve((error ? null : javaRuntimeIdFrom(`${stdout}${stderr}`)) ?? 'java');
    });
  });
  return java;
}
