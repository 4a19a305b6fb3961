// test-lane: concurrent: asserts refusals and the files written.
// baseline save builds its default file name from run.json's workload name and runtime: a run
// file from anyone must not steer the write out of baselines/. Run from a temporary folder, with
// run files whose names climb out of it; nothing may appear outside baselines/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support.ts';
import { cleanEnv, runProcess, type Finished } from '../cli/spawn-cli.ts';
import { level, logNormalMs, run } from '../analysis/constructed.ts';

const cliPath = fileURLToPath(new URL('../../bin/lmi-bench.mjs', import.meta.url));

function baselineSave(cwd: string, runPath: string): Promise<Finished> {
  return runProcess(process.execPath, [cliPath, 'baseline', 'save', '--run', runPath], { cwd, env: cleanEnv(), timeoutMs: 30_000 });
}

test('a workload name or runtime that climbs out of baselines/ is refused in one line and writes nothing', { timeout: 60_000 }, async () => {
  const root = tempDir();
  try {
    const cwd = join(root, 'project', 'deep');
    mkdirSync(cwd, { recursive: true });
    const good = run('r1', [level([logNormalMs(100, 50, 1)])]);
    const hostile: Array<[string, { name: string; runtime: string }]> = [
      ['name', { name: '../../../x', runtime: 'node' }],
      ['absolute', { name: join(root, 'abs'), runtime: 'node' }],
      ['runtime', { name: 'io-bound', runtime: '../../../y' }],
      ['dots', { name: '..', runtime: 'node' }],
    ];
    // Side by side: each is a refusal (exit code, message, files), none asserts a time.
    const results = await Promise.all(
      hostile.map(([label, names]) => {
        const path = join(root, `${label}.json`);
        writeFileSync(path, JSON.stringify({ ...good, workload: { ...good.workload, ...names } }));
        return baselineSave(cwd, path);
      }),
    );
    for (const [i, [label]] of hostile.entries()) {
      const result = results[i]!;
      assert.equal(result.code, 2, `${label}: exit ${result.code}\n${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${label}: ${result.stderr}`);
      assert.match(result.stderr, /cannot name a baseline file: give --to/, label);
    }
    // Nothing anywhere but the run files themselves and the empty working folder.
    assert.deepEqual(readdirSync(root).sort(), ['absolute.json', 'dots.json', 'name.json', 'project', 'runtime.json']);
    assert.deepEqual(readdirSync(join(root, 'project')), ['deep']);
    assert.deepEqual(readdirSync(cwd), []);
    assert.equal(existsSync(`${join(root, 'abs')}-node.json`), false);

    // An ordinary name still gets its default file, inside baselines/.
    const fine = join(root, 'fine.json');
    writeFileSync(fine, JSON.stringify(good));
    const saved = await baselineSave(cwd, fine);
    assert.equal(saved.code, 0, saved.stderr);
    assert.deepEqual(readdirSync(join(cwd, 'baselines')), ['io-bound-node.json']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
