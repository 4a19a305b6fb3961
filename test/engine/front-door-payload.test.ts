// test-lane: concurrent: asserts payload handling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { mapResult } from '../../runner/engine/payload.ts';
import { send, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('front door: the request arrives as a payload 2.0 event with a Lambda context, and the result is mapped as Function URLs map it', async () => {
  const fn = await engine.client.deploy(standardSpec('payload', { memoryMb: 768 }, { timeoutMs: 5000 }));
  const reply = await send(fn.url, { delayMs: 1 }, { path: 'orders/7?x=1&y=2' });
  assert.equal(reply.status, 200);
  assert.equal(reply.headers['x-probe'], 'yes');
  const seen = reply.json<Record<string, unknown>>();
  assert.equal(seen['version'], '2.0');
  assert.equal(seen['method'], 'POST');
  assert.equal(seen['rawPath'], '/orders/7');
  assert.equal(seen['rawQueryString'], 'x=1&y=2');
  assert.equal(seen['isBase64Encoded'], false);
  assert.equal(seen['functionName'], 'payload');
  assert.equal(seen['memoryLimitInMB'], '768');
  assert.match(String(seen['requestId']), /^[0-9a-f-]{36}$/);
  const remaining = Number(seen['remainingMs']);
  assert.ok(remaining > 0 && remaining <= 5000);

  const bare = await send(fn.url, { delayMs: 1, raw: { hello: 'world' } });
  assert.equal(bare.status, 200);
  assert.equal(bare.headers['content-type'], 'application/json');
  assert.deepEqual(bare.json(), { hello: 'world' });
});

test('result mapping: structured responses, base64 bodies, cookies, bare values and invalid status codes', () => {
  assert.deepEqual(mapResult({ statusCode: 201, headers: { 'X-A': 'b' }, body: 'made' }), { statusCode: 201, headers: { 'x-a': 'b' }, body: 'made' });
  const binary = mapResult({ statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true });
  assert.equal(binary.body.toString(), 'hi');
  assert.deepEqual(mapResult({ statusCode: 200, cookies: ['a=1'] }).headers['set-cookie'], ['a=1']);
  assert.deepEqual(mapResult([1, 2]), { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '[1,2]' });
  assert.equal(mapResult('plain').body, 'plain');
  assert.equal(mapResult({ statusCode: 'ok' }).statusCode, 502);
});
