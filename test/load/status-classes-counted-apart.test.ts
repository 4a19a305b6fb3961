// 2xx, 429 and other failures are counted apart; only 2xx latency enters the percentiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from '../../runner/load/run-load.ts';

test('429s and 500s are counted apart and kept out of the latency percentiles', async () => {
  let n = 0;
  // Successes take 20 ms, failures answer at once: if failures leaked into the histogram,
  // the minimum latency would drop far below 20 ms (node timers may fire ~1 ms early).
  const server = createServer((req, res) => {
    req.resume();
    const i = n++;
    if (i % 3 === 1) {
      res.statusCode = 429;
      res.end('slow down');
    } else if (i % 3 === 2) {
      res.statusCode = 500;
      res.end('boom');
    } else {
      setTimeout(() => res.end('ok'), 20);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const result = await runLoad({ url: `http://127.0.0.1:${port}/`, concurrency: 2, durationSec: 1, body: '{}' });
    assert.ok(result.requests.ok > 10, `ok ${result.requests.ok}`);
    assert.ok(result.requests.throttled > 10, `throttled ${result.requests.throttled}`);
    assert.ok(result.requests.errors > 10, `errors ${result.requests.errors}`);
    assert.equal(result.statusCodes['429'], result.requests.throttled);
    assert.equal(result.statusCodes['500'], result.requests.errors);
    assert.equal(result.statusCodes['200'], result.requests.ok);
    assert.ok(result.latencyMs && result.latencyMs.min >= 18, `min ${result.latencyMs?.min}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a refused connection counts as an error and leaves no latency', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const result = await runLoad({ url: `http://127.0.0.1:${port}/`, concurrency: 1, durationSec: 0.3, body: '{}' });
  assert.equal(result.requests.ok, 0);
  assert.ok(result.requests.errors > 0);
  assert.equal(result.latencyMs, null);
  assert.ok(Object.keys(result.socketErrors).some((m) => m.includes('ECONNREFUSED')), JSON.stringify(result.socketErrors));
});
