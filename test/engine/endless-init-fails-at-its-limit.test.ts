// A handler whose module never finishes loading (an endless loop at its top level) fails at
// Lambda's init limit instead of hanging deploy, bench and safety: one line, exit 2. AWS's
// limits (10 s + the function timeout on standard Lambda, the longer of 130 s and the function
// timeout on LMI) are checked as figures; the commands run with a 1.5 s local deadline.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initLimit } from '../../runner/engine/init-limit.ts';
import { UsageError } from '../../runner/errors.ts';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

test("init limits are AWS's: 10 s then a retry within the timeout on Lambda, the longer of 130 s and the timeout on LMI", () => {
  assert.equal(initLimit('lambda', 30_000, undefined).limitMs, 10_000);
  assert.equal(initLimit('lambda', 30_000, undefined).retry?.limitMs, 30_000);
  assert.equal(initLimit('lmi', 30_000, undefined).retry, undefined, 'LMI does not retry init');
  assert.equal(initLimit('lmi', 30_000, undefined).limitMs, 130_000);
  assert.equal(initLimit('lmi', 900_000, undefined).limitMs, 900_000);
  const local = initLimit('lmi', 30_000, '1500');
  assert.equal(local.limitMs, 1500);
  assert.match(local.rule, /local init deadline of 1\.5 s .*AWS allows 130 s/);
  const longer = initLimit('lambda', 3_000, '60000');
  assert.deepEqual([longer.limitMs, longer.retry?.limitMs], [10_000, 3_000], 'a local deadline is never longer than AWS allows');
  const shorter = initLimit('lambda', 3_000, '1500');
  assert.deepEqual([shorter.limitMs, shorter.retry?.limitMs], [1500, 1500], 'a local deadline bounds both attempts');
  assert.throws(() => initLimit('lambda', 3_000, 'soon'), UsageError);
});

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function loopingWorkload(): string {
  const dir = testTempDir('lmi-bench-endless-init-');
  dirs.push(dir);
  mkdirSync(join(dir, 'node'));
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'node', 'index.mjs'), 'while (true) {}\nexport const handler = async () => ({ statusCode: 200 });\n');
  writeFileSync(join(dir, 'python', 'index.py'), 'while True:\n    pass\n\ndef handler(event, context):\n    return {}\n');
  const runtimes = { node: { handler: 'node/index.handler' }, python: { handler: 'python/index.handler' } };
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'looper', kind: 'io', memoryMb: 512, runtimes }));
  return dir;
}

const timeout = /init did not finish within the local init deadline of 1\.5 s \(LMI_BENCH_INIT_LIMIT_MS; AWS allows \d+ s\)(, nor in its retry inside the invocation within the local init deadline of 1\.5 s \(LMI_BENCH_INIT_LIMIT_MS; AWS allows \d+ s\))?: Status: timeout/;

async function lmiBench(args: string[]): Promise<{ code: number | null; lines: string[]; elapsedMs: number }> {
  const startedMs = Date.now();
  const run = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, ...args], { env: cleanEnv({ LMI_BENCH_INIT_LIMIT_MS: '1500' }), timeoutMs: 60_000 });
  return { code: run.code, lines: run.stderr.split('\n').filter((l) => l.trim() !== ''), elapsedMs: Date.now() - startedMs };
}

for (const runtime of ['node', 'python']) {
  test(`engine --workload with an endless ${runtime} init: one line, exit 2, at the deadline`, { timeout: 90_000 }, async () => {
    const { code, lines, elapsedMs } = await lmiBench(['engine', '--workload', loopingWorkload(), '--runtime', runtime]);
    assert.equal(code, 2, lines.join('\n'));
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0] as string, /^lmi-bench: handler init failed: /);
    assert.match(lines[0] as string, timeout);
    assert.ok(elapsedMs < 30_000, `took ${elapsedMs} ms`);
  });
}

test('safety with an endless init: exit 2 naming the init timeout', { timeout: 90_000 }, async () => {
  const { code, lines } = await lmiBench(['safety', '--workload', loopingWorkload()]);
  assert.equal(code, 2, lines.join('\n'));
  assert.match(lines.at(-1) as string, timeout);
});

test('bench with an endless init: exit 2, each variant naming the init timeout', { timeout: 90_000 }, async () => {
  const out = testTempDir('lmi-bench-endless-init-out-');
  dirs.push(out);
  const { code, lines } = await lmiBench(['bench', loopingWorkload(), '--concurrency', '1', '--duration', '1', '--warmup', '0', '--out', out]);
  assert.equal(code, 2, lines.join('\n'));
  const failures = lines.filter((line) => timeout.test(line));
  assert.ok(failures.some((line) => /AWS allows 10 s\), nor in its retry .*AWS allows \d+ s\): Status: timeout \(Phase: invoke\)/.test(line)), `standard Lambda's init and its retry: ${lines.join('\n')}`);
  assert.ok(failures.some((line) => /AWS allows 130 s/.test(line)), `LMI's init: ${lines.join('\n')}`);
});
