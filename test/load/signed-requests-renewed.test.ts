// Signed requests (AWS_IAM function URLs): every request carries a signature from the signer,
// and the signature is renewed while the load runs, so a long level never sends expired ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad } from '../../runner/load/run-load.ts';

test('requests carry the latest signature, renewed on the interval', async () => {
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    const signature = String(req.headers['authorization'] ?? 'none');
    seen.set(signature, (seen.get(signature) ?? 0) + 1);
    setTimeout(() => res.end('ok'), 5);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let signed = 0;
  try {
    const result = await runLoad({
      url, concurrency: 2, durationSec: 1.2, body: '{"a":1}', resignIntervalMs: 300,
      signRequest: async (request) => {
        assert.equal(request.body, '{"a":1}');
        assert.equal(request.url, url);
        signed += 1;
        return { authorization: `sig-${signed}` };
      },
    });
    assert.ok(result.requests.ok > 20);
    assert.equal(seen.get('none'), undefined, 'no request went unsigned');
    assert.ok(signed >= 3, `signed ${signed} times`);
    assert.ok(seen.size >= 3, `signatures seen: ${[...seen.keys()].join(', ')}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a signer that starts failing stops the load with the reason', async () => {
  const server = createServer((req, res) => {
    req.resume();
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let calls = 0;
  try {
    await assert.rejects(
      runLoad({
        url, concurrency: 1, durationSec: 10, body: '{}', resignIntervalMs: 200,
        signRequest: async () => {
          calls += 1;
          if (calls > 1) throw new Error('credentials expired');
          return { authorization: 'sig' };
        },
      }),
      /re-signing requests failed: credentials expired/,
    );
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
