// The one cancellable sleep: it ends at once when its signal aborts, with the caller's reason
// when one was given and an InterruptedError (exit 130 at the CLI) when `abort()` had none,
// and it leaves no timer behind to hold the process open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sleep } from '../../runner/system/sleep.ts';
import { InterruptedError } from '../../runner/errors.ts';

test('an abort with a reason rejects with that reason, long before the wait is over', async () => {
  const controller = new AbortController();
  const started = performance.now();
  setTimeout(() => controller.abort(new Error('deploy interrupted')), 20);
  await assert.rejects(sleep(60_000, controller.signal), /deploy interrupted/);
  assert.ok(performance.now() - started < 5_000);
});

test('an abort without a reason rejects with an InterruptedError', async () => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  await assert.rejects(sleep(60_000, controller.signal), (error: unknown) => error instanceof InterruptedError);
  const already = new AbortController();
  already.abort();
  await assert.rejects(sleep(10, already.signal), (error: unknown) => error instanceof InterruptedError);
});

test('without an abort it waits the time asked, and an aborted wait keeps no timer alive', async () => {
  const started = performance.now();
  await sleep(50);
  assert.ok(performance.now() - started >= 45);
  const controller = new AbortController();
  const waiting = sleep(60_000, controller.signal);
  controller.abort();
  await assert.rejects(waiting);
  const timers = (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((kind) => kind === 'Timeout');
  assert.equal(timers.length, 0, 'a timer is still pending');
});
