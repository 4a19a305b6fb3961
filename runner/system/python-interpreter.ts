/**
 * Asks a Python command which interpreter it runs (sys.executable) and its version, in one start.
 *
 * The engine asks once per engine (pythonInterpreter): a version manager's `python3` is often a
 * shim. pyenv's is a bash script that runs a dozen more before it execs the interpreter, which
 * took 93 ms of CPU and 120 ms of wall time per start on the 2-core test machine against 16 ms for
 * the interpreter alone. Python on LMI runs one process per slot, so every slot of every
 * environment paid it, and every Python init the engine measured was ~0.1 s longer than the
 * interpreter's own, a cost no AWS environment has. A shim picks the interpreter from the working
 * folder and variables, which the environments share with the engine, so asking it once picks
 * the one it would have picked each time. run.json's machine record asks `python3` the same way.
 */
import { execFile } from 'node:child_process';

/** The command the engine's Python environments run: LMI_BENCH_PYTHON, or `python3` as the PATH finds it. */
export const pythonCommand = process.env['LMI_BENCH_PYTHON'] ?? 'python3';

export interface PythonInterpreter {
  /** The interpreter's own path. */
  path: string;
  /** `Python 3.11.7`. */
  versionOutput: string;
}

const askScript = 'import platform, sys; print(sys.executable); print("Python " + platform.python_version())';

/** What `command` runs, or null when it cannot be asked (missing, broken, too slow). */
export function askPython(command: string, timeoutMs: number): Promise<PythonInterpreter | null> {
  return new Promise((resolve) => {
    execFile(command, ['-c', askScript], { timeout: timeoutMs }, (error, stdout) => {
      const [path, versionOutput] = stdout.trim().split('\n');
      resolve(error || !path || !versionOutput ? null : { path, versionOutput });
    });
  });
}

let asked: Promise<PythonInterpreter | null> | undefined;

/**
 * The engine's interpreter, asked once per process. Null when it could not be asked: the
 * environments then run pythonCommand as given, and fail there with the error they always gave.
 */
export function pythonInterpreter(): Promise<PythonInterpreter | null> {
  asked ??= askPython(pythonCommand, 10_000);
  return asked;
}
