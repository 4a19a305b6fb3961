// test-lane: concurrent: asserts refusals.
// The manifest's handler path is checked lexically (no ../, no absolute path); a handler file
// that is a symlink to a file outside the workload folder, or sits in a linked folder, passes
// that check. The real paths are compared, so it is refused in one line before anything runs,
// while a link that stays inside the folder is fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess, repoRoot } from '../cli/spawn-cli.ts';
import { loadWorkload, resolveHandler } from '../../runner/workload/load.ts';
import { UsageError } from '../../runner/errors.ts';
import { testTempDir } from '../temp-dir.ts';

const handler = 'export const handler = async () => ({ statusCode: 200, body: "outside" });\n';

function workload(root: string, label: string, handlerPath: string): string {
  const dir = join(root, label);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: label, kind: 'io', memoryMb: 256, runtimes: { node: { handler: handlerPath } } }));
  return dir;
}

test('a handler that links outside the workload folder is refused; one that links inside is not', { timeout: 60_000 }, async () => {
  const root = testTempDir('lmi-bench-handler-link-');
  try {
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'evil.mjs'), handler);

    const fileLink = workload(root, 'file-link', 'index.handler');
    symlinkSync(join(root, 'outside', 'evil.mjs'), join(fileLink, 'index.mjs'));
    const folderLink = workload(root, 'folder-link', 'code/evil.handler');
    symlinkSync(join(root, 'outside'), join(folderLink, 'code'));
    const relativeLink = workload(root, 'relative-link', 'index.handler');
    symlinkSync('../outside/evil.mjs', join(relativeLink, 'index.mjs'));

    for (const dir of [fileLink, folderLink, relativeLink]) {
      assert.throws(() => resolveHandler(loadWorkload(dir), 'node'), (error: unknown) => error instanceof UsageError && /is a link to a file outside the workload folder/.test(error.message), dir);
    }
    const bench = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'bench', '--workload', fileLink, '--plan-only', '--out', join(root, 'results')]);
    assert.equal(bench.code, 2, bench.stderr);
    assert.equal(bench.stderr.trim().split('\n').length, 1, bench.stderr);
    assert.match(bench.stderr, /handler index\.handler is a link to a file outside the workload folder/);

    const inside = workload(root, 'inside-link', 'index.handler');
    mkdirSync(join(inside, 'src'));
    writeFileSync(join(inside, 'src', 'real.mjs'), handler);
    symlinkSync(join(inside, 'src', 'real.mjs'), join(inside, 'index.mjs'));
    assert.equal(resolveHandler(loadWorkload(inside), 'node').file, join(inside, 'index.mjs'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
