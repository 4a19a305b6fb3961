/**
 * Test helpers: the CloudWatch handler behind a real HTTP server on 127.0.0.1, and a real
 * @aws-sdk/client-cloudwatch client pointed at it with only an endpoint override.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { MetricsStore } from '../../runner/engine/metrics-store.ts';
import { handleCloudWatchRequest } from '../../runner/engine/cloudwatch/handler.ts';
import type { InvocationRecord } from '../../runner/engine/protocol.ts';

export interface ServedStore {
  store: MetricsStore;
  endpoint: string;
  client: CloudWatchClient;
  /** Raw requests seen by the server (headers lower-cased), to check what the SDK sent. */
  seen: Array<{ headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

export async function serveStore(store = new MetricsStore(), nowMs?: () => number): Promise<ServedStore> {
  const seen: ServedStore['seen'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ headers: req.headers, body });
      const target = req.headers['x-amz-target'];
      const answer = await handleCloudWatchRequest(store, { target: Array.isArray(target) ? target[0] : target, body }, nowMs?.());
      res.writeHead(answer.status, { 'content-type': answer.contentType, ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new CloudWatchClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    store,
    endpoint,
    client,
    seen,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A finished invocation record with sensible defaults. */
export function invocation(functionName: string, startMs: number, durationMs: number, extra: Partial<InvocationRecord> = {}): InvocationRecord {
  return {
    functionName,
    mode: 'lambda',
    startMs,
    endMs: startMs + durationMs,
    durationMs,
    billedDurationMs: Math.ceil(durationMs),
    environmentId: 'env-1',
    status: 'ok',
    ...extra,
  };
}

/** 2024-01-01T00:00:00Z plus whole minutes: period-aligned times far from any boundary surprises. */
export const baseMs = Date.UTC(2024, 0, 1, 0, 0, 0);
export const minute = (n: number): number => baseMs + n * 60_000;
