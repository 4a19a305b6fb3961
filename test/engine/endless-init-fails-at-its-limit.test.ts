// test-lane: concurrent: asserts the line and exit 2 of a 1.5 s init deadline; its bound (30 s) catches a hang, not a slow start.
// A handler whose module never finishes loading (an endless loop at its top level) fails at
// Lambda's init limit instead of hanging the engine command: one line, exit 2, well before a hang
// would end. AWS's limits (10 s + the function timeout on standard Lambda, the longer of 130 s and
// the function timeout on LMI) are checked as figures; the commands run with a 1.5 s local
// deadline. bench and safety: endless-init-fails-bench-and-safety.test.ts (no time asserted).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { initLimit } from '../../runner/engine/init-limit.ts';
import { UsageError } from '../../runner/errors.ts';
import { lmiBench, loopingWorkload, removeEndlessInitDirs, timeout } from './endless-init.ts';

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

after(removeEndlessInitDirs);

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
