// Open-loop load keeps its schedule and measures latency from each request's due time: a
// server that can serve only one request at a time must show its queue in the latency, while
// the latency from the send (what a closed-loop tool reports) stays near the service time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runOpenLoad } from '../../runner/load/open-loop.ts';
import { decodeHistogram } from '../../runner/load/latency-histogram.ts';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

test('a server with room keeps the schedule: every due request is sent and answered', async () => {
  const { server, url } = await serve((req, res) => {
    req.resume();
    req.on('end', () => setTimeout(() => res.end('{}'), 30));
  });
  try {
    const result = await runOpenLoad({ url, ratePerSec: 80, durationSec: 2, body: '{}', maxConnections: 64 });
    // 2 s at 80/s: exactly 160 due, all sent, all awaited.
    assert.equal(result.open.scheduled, 160);
    assert.equal(result.open.sent, 160);
    assert.equal(result.open.unsent, 0);
    assert.equal(result.requests.ok, 160);
    assert.equal(result.inFlightAtEnd, 0);
    const achieved = result.requests.ok / ((result.window.endMs - result.window.startMs) / 1000);
    assert.ok(Math.abs(achieved - 80) / 80 < 0.05, `achieved ${achieved}/s`);
    // 30 ms handler needs about 3 connections at 80/s, far fewer than the cap.
    assert.ok(result.open.connectionsMax >= 2 && result.open.connectionsMax < 30, `connections ${result.open.connectionsMax}`);
    assert.ok(result.latencyMs && result.latencyMs.p50 >= 30, `p50 ${result.latencyMs?.p50}`);
  } finally {
    await close(server);
  }
});

test('a one-at-a-time server behind 2 connections: latency from the due time shows the queue', async () => {
  // 25 ms per request, one at a time: 40/s at most; 100/s arrive.
  let busyUntil = 0;
  const { server, url } = await serve((req, res) => {
    req.resume();
    req.on('end', () => {
      const start = Math.max(Date.now(), busyUntil);
      busyUntil = start + 25;
      setTimeout(() => res.end('{}'), busyUntil - Date.now());
    });
  });
  try {
    const result = await runOpenLoad({ url, ratePerSec: 100, durationSec: 2, body: '{}', maxConnections: 2 });
    assert.equal(result.open.scheduled, 200);
    // The server took at most 40/s × 2 s (+ what was on the wire at the end); the rest never went out.
    assert.ok(result.open.unsent > 80, `unsent ${result.open.unsent}`);
    assert.equal(result.open.sent + result.open.unsent, result.open.scheduled);
    const fromDue = decodeHistogram(result.histogram);
    const fromSend = decodeHistogram(result.open.fromSendHistogram);
    assert.equal(fromDue.totalCount, fromSend.totalCount);
    // Due-time latency grows with the queue (hundreds of ms by the end); the send-time one stays
    // near 2 × 25 ms (two connections share one server).
    const dueP90Ms = fromDue.getValueAtPercentile(90) / 1000;
    const sendP90Ms = fromSend.getValueAtPercentile(90) / 1000;
    assert.ok(dueP90Ms > 400, `due-time p90 ${dueP90Ms} ms`);
    assert.ok(sendP90Ms < 200, `send-time p90 ${sendP90Ms} ms`);
    assert.ok(dueP90Ms > 4 * sendP90Ms);
  } finally {
    await close(server);
  }
});
