// test-lane: concurrent: asserts statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionUrlEvent, invokers } from './invoke.ts';

const badBodies: Array<[string, Record<string, unknown>, RegExp]> = [
  ['io-bound', { ...functionUrlEvent(undefined), body: '{not json' }, /./],
  ['io-bound', functionUrlEvent({ delaysMs: 'slow' }), /delaysMs/],
  ['io-bound', functionUrlEvent([1, 2]), /JSON object/],
  ['cpu-bound', functionUrlEvent({ rounds: -1 }), /rounds/],
  ['cpu-bound', functionUrlEvent({ rounds: 1.5 }), /rounds/],
  ['mixed', functionUrlEvent({ rounds: 10, delaysMs: [-5] }), /delaysMs/],
];

for (const [runtime, invoke] of Object.entries(invokers)) {
  for (const [workload, event, message] of badBodies) {
    test(`${workload} (${runtime}): body ${String(event['body'])} answers 400 with a message`, async () => {
      const result = await invoke(workload, event);
      assert.equal(result.statusCode, 400);
      const body = JSON.parse(result.body) as { error: string };
      assert.match(body.error, message);
    });
  }
}

test('a base64-encoded body (isBase64Encoded) is decoded', async () => {
  const event = { ...functionUrlEvent(undefined), body: Buffer.from(JSON.stringify({ rounds: 3 })).toString('base64'), isBase64Encoded: true };
  for (const invoke of Object.values(invokers)) {
    const result = await invoke('cpu-bound', event);
    assert.equal(result.statusCode, 200);
    assert.equal((JSON.parse(result.body) as { rounds: number }).rounds, 3);
  }
});
