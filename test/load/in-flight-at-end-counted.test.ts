// A closed-loop run ends with one request in flight per connection: the result says how many
// were cut off, so the sweep can let them finish before the next run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from '../../runner/load/run-load.ts';

test('8 connections to a 300 ms server for 1 s: 24 answered, 8 in flight at the end', async () => {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.end('ok'), 300));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const result = await runLoad({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, concurrency: 8, durationSec: 1, body: '{}' });
    // Responses come in rounds of 8 at ~300, ~600, ~900 ms; a slow machine may miss a round.
    assert.ok(result.requests.ok === 24 || result.requests.ok === 16, `ok ${result.requests.ok}`);
    assert.equal(result.inFlightAtEnd, 8);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
