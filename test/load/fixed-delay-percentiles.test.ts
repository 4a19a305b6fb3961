// A server that answers every request after exactly 50 ms: the measured percentiles must sit
// just above 50 ms (sub-millisecond recording), not on autocannon's whole-ms buckets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from '../../runner/load/run-load.ts';

test('fixed 50 ms server at concurrency 4: p50 within 50–53 ms, p99 ≤ 60 ms', async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.end('{"ok":true}'), 50));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    // Discarded warm-up, as the sweep does per level: the first requests pay for JIT and connects.
    await runLoad({ url: `http://127.0.0.1:${port}/`, concurrency: 4, durationSec: 0.5, body: '{}' });
    const result = await runLoad({ url: `http://127.0.0.1:${port}/`, concurrency: 4, durationSec: 3, body: '{}' });
    assert.ok(result.latencyMs, 'latency measured');
    assert.ok(result.latencyMs.p50 >= 50 && result.latencyMs.p50 <= 53, `p50 ${result.latencyMs.p50}`);
    assert.ok(result.latencyMs.p99 <= 60, `p99 ${result.latencyMs.p99}`);
    assert.ok(result.latencyMs.min >= 49, `min ${result.latencyMs.min}`);
    // 4 connections × ~19 requests a second × 3 s, less what a noisy machine costs.
    assert.ok(result.requests.ok > 150 && result.requests.ok < 260, `ok ${result.requests.ok}`);
    assert.equal(result.requests.errors, 0);
    assert.equal(result.requests.throttled, 0);
    const windowSec = (result.window.endMs - result.window.startMs) / 1000;
    assert.ok(windowSec >= 3 && windowSec < 4, `window ${windowSec}s`);
    assert.ok(Math.abs(result.throughputRps - result.requests.ok / windowSec) < 1e-9);
    // Sub-millisecond resolution: not every value is a whole millisecond.
    assert.notEqual(result.latencyMs.mean % 1, 0);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
