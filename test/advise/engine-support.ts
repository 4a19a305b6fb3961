/** Engine helpers of the advise tests: traffic to a deployed function and a failing proxy. */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const ioBoundDir = fileURLToPath(new URL('../../workloads/io-bound', import.meta.url));

/** `count` requests, a few at a time, each waiting `delayMs` in the handler. */
export async function sendTraffic(url: string, count: number, delayMs: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next += 1;
      const reply = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delaysMs: [delayMs] }) });
      assert.equal(reply.status, 200);
      await reply.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/**
 * advise reads whole minutes (the minute in progress would count as a quiet one): wait until
 * the minute the traffic fell in has ended, so the CLI sees it.
 */
export async function untilNextMinute(): Promise<void> {
  const waitMs = 60_000 - (Date.now() % 60_000) + 1500;
  await new Promise((resolve) => setTimeout(resolve, waitMs));
}

/**
 * A proxy in front of the engine that answers GetFunctionConfiguration of one function as IAM
 * would for a caller without lambda:GetFunctionConfiguration on it, and passes the rest through.
 */
export async function denyingProxy(engineUrl: string, deniedFunction: string): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(engineUrl);
  const server: Server = createServer((req, res) => {
    if ((req.url ?? '').startsWith(`/2015-03-31/functions/${deniedFunction}/configuration`)) {
      const body = JSON.stringify({ Type: 'User', message: `User: arn:aws:iam::000000000000:user/advisor is not authorized to perform: lambda:GetFunctionConfiguration on resource: ${deniedFunction}` });
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException', 'content-length': Buffer.byteLength(body) }).end(body);
      return;
    }
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
