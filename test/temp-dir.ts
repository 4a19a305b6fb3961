// A private temporary folder for a test (mkdtemp: a random name, mode 0700), removed when the
// test file's process exits, whether its tests passed, failed or threw. The suite
// (scripts/run-tests.mjs) fails a run that leaves a new /tmp/lmi-bench-* entry behind, so every
// folder a test makes goes through here and is named lmi-bench-<what>-.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

function removeAll(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A folder a test made unremovable (no permission, a busy mount) is reported by the
      // suite's leftover check, by name; throwing here would only hide the tests' own result.
    }
  }
}

/** Makes `<os tmpdir>/<prefix><random>`; `prefix` starts with `lmi-bench-`. */
export function testTempDir(prefix: string): string {
  if (!prefix.startsWith('lmi-bench-')) throw new Error(`test temp folders are named lmi-bench-*, got ${prefix}`);
  if (made.length === 0) process.once('exit', removeAll);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
