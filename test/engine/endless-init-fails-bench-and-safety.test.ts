// test-lane: concurrent: asserts exit codes and the lines printed; the init deadline is the engine's own timer.
// bench and safety on a handler whose module never finishes loading fail at the init limit
// instead of hanging: exit 2, naming the init timeout (the engine command, and the time it takes,
// in endless-init-fails-at-its-limit.test.ts).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { lmiBench, loopingWorkload, removeEndlessInitDirs, tempDir, timeout } from './endless-init.ts';

after(removeEndlessInitDirs);

test('safety with an endless init: exit 2 naming the init timeout', { timeout: 90_000 }, async () => {
  const { code, lines } = await lmiBench(['safety', '--workload', loopingWorkload()]);
  assert.equal(code, 2, lines.join('\n'));
  assert.match(lines.at(-1) as string, timeout);
});

test('bench with an endless init: exit 2, each variant naming the init timeout', { timeout: 90_000 }, async () => {
  const out = tempDir('lmi-bench-endless-init-out-');
  const { code, lines } = await lmiBench(['bench', loopingWorkload(), '--concurrency', '1', '--duration', '1', '--warmup', '0', '--out', out]);
  assert.equal(code, 2, lines.join('\n'));
  const failures = lines.filter((line) => timeout.test(line));
  assert.ok(failures.some((line) => /AWS allows 10 s\), nor in its retry .*AWS allows \d+ s\): Status: timeout \(Phase: invoke\)/.test(line)), `standard Lambda's init and its retry: ${lines.join('\n')}`);
  assert.ok(failures.some((line) => /AWS allows 130 s/.test(line)), `LMI's init: ${lines.join('\n')}`);
});
