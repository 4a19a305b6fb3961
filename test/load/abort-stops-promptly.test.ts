// An aborted load stops within a fraction of a second, not at the end of its duration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from '../../runner/load/run-load.ts';

test('AbortSignal stops a 30 s load promptly and marks it aborted', async () => {
  const server = createServer((req, res) => {
    req.resume();
    setTimeout(() => res.end('ok'), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const controller = new AbortController();
    const progress: number[] = [];
    setTimeout(() => controller.abort(), 700);
    const began = Date.now();
    const result = await runLoad({
      url: `http://127.0.0.1:${port}/`,
      concurrency: 2,
      durationSec: 30,
      body: '{}',
      signal: controller.signal,
      onProgress: (p) => progress.push(p.requests.ok),
    });
    const tookMs = Date.now() - began;
    assert.ok(tookMs < 3000, `took ${tookMs} ms`);
    assert.equal(result.aborted, true);
    assert.ok(result.requests.ok > 0);
    assert.ok(progress.length >= 1, 'progress reported');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
