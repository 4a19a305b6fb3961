/**
 * The Python interpreter the engine's environments run: LMI_BENCH_PYTHON, or `python3` as the
 * PATH finds it, asked once per engine for the interpreter itself (sys.executable) and its
 * version. A version manager's `python3` is often a shim: pyenv's is a bash script that runs a
 * dozen more before it execs the interpreter, which took 93 ms of CPU and 120 ms of wall time per
 * start on the 2-core test machine against 16 ms for the interpreter alone. Python on LMI runs
 * one process per slot, so every slot of every environment paid it, and every Python init the
 * engine measured was ~0.1 s longer than the interpreter's own, a cost no AWS environment has.
 * A shim picks the interpreter from the working folder and variables, which the environments
 * share with the engine, so asking it once picks the one it would have picked each time.
 */
import { execFile } from 'node:child_process';

export const pythonCommand = process.env['LMI_BENCH_PYTHON'] ?? 'python3';

export interface PythonInterpreter {
  /** What environments start: the interpreter's own path, or the command as given when it could not be asked. */
  path: string;
  /** `Python 3.11.7`, or null when the interpreter could not be asked. */
  versionOutput: string | null;
}

const askScript = 'import platform, sys; print(sys.executable); print("Python " + platform.python_version())';

let asked: Promise<PythonInterpreter> | undefined;

export function pythonInterpreter(): Promise<PythonInterpreter> {
  asked ??= new Promise((resolve) => {
    execFile(pythonCommand, ['-c', askScript], { timeout: 10_000 }, (error, stdout) => {
      const [path, versionOutput] = stdout.trim().split('\n');
      // Not answered (no python3, a broken shim): environments run the command as given, and
      // fail there with the error they always gave.
      resolve(error || !path ? { path: pythonCommand, versionOutput: null } : { path, versionOutput: versionOutput ?? null });
    });
  });
  return asked;
}
