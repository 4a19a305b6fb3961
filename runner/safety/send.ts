/** One invocation through the function's URL, on its own connection, as a client sees it. */
import { Agent, request } from 'node:http';

export interface Sent {
  requestId: string;
  status: number;
  body: string;
  sentMs: number;
  receivedMs: number;
}

/** No keep-alive: each request is its own connection, so a round's requests truly overlap. */
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

const nowMs = (): number => performance.timeOrigin + performance.now();

export function sendEvent(url: string, event: unknown): Promise<Sent> {
  const body = JSON.stringify(event);
  return new Promise((resolve, reject) => {
    const sentMs = nowMs();
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const header = res.headers['x-amzn-requestid'];
        resolve({
          requestId: (Array.isArray(header) ? header[0] : header) ?? '',
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          sentMs,
          receivedMs: nowMs(),
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
