import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadWorkload } from '../../runner/workload/load.ts';
import { functionUrlEvent, invokers } from './invoke.ts';

const defaultEvent = loadWorkload('io-bound').manifest.event;

test('io-bound: the manifest documents the default event', () => {
  assert.deepEqual(defaultEvent, { delaysMs: [150, 200, 100] });
});

for (const [runtime, invoke] of Object.entries(invokers)) {
  test(`io-bound (${runtime}): the default event makes three concurrent calls and answers in about 200 ms`, async () => {
    const result = await invoke('io-bound', functionUrlEvent(defaultEvent));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body) as { workload: string; delaysMs: number[]; downstream: Array<{ call: number; delayMs: number; doneAtMs: number }>; elapsedMs: number };
    assert.equal(body.workload, 'io-bound');
    assert.deepEqual(body.delaysMs, [150, 200, 100]);
    assert.deepEqual(body.downstream.map((d) => d.delayMs), [150, 200, 100]);
    // Concurrent: the total is the slowest call (200 ms), not the sum (450 ms). The margin is
    // generous for a loaded 2-core machine yet far below the 450 ms a sequential version takes.
    assert.ok(body.elapsedMs >= 199, `elapsed ${body.elapsedMs} ms is shorter than the slowest call`);
    assert.ok(body.elapsedMs < 350, `elapsed ${body.elapsedMs} ms: the calls did not run concurrently`);
    for (const call of body.downstream) assert.ok(call.doneAtMs >= call.delayMs - 1, `call ${call.call} returned before its delay`);
  });

  test(`io-bound (${runtime}): an empty body uses the default delays`, async () => {
    const result = await invoke('io-bound', functionUrlEvent(undefined));
    assert.equal(result.statusCode, 200);
    assert.deepEqual((JSON.parse(result.body) as { delaysMs: number[] }).delaysMs, [150, 200, 100]);
  });

  test(`io-bound (${runtime}): delaysMs in the body overrides the downstream delays`, async () => {
    const result = await invoke('io-bound', functionUrlEvent({ delaysMs: [20, 60] }));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(result.body) as { delaysMs: number[]; downstream: unknown[]; elapsedMs: number };
    assert.deepEqual(body.delaysMs, [20, 60]);
    assert.equal(body.downstream.length, 2);
    assert.ok(body.elapsedMs >= 59 && body.elapsedMs < 200, `elapsed ${body.elapsedMs} ms for a 60 ms slowest call`);
  });
}
