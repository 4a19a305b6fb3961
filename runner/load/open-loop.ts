/**
 * One open-loop load run: requests arrive at a constant rate whatever the server does, as real
 * traffic does. Request i is due at start + i / rate; its latency is measured from that DUE
 * time, not from when it went out, so a server that stalls cannot hide the requests that
 * waited behind it (coordinated omission). autocannon's `overallRate` paces its connections
 * and reports latency from the actual send, which is the figure this avoids, so the schedule
 * is kept here on node:http with a keep-alive agent.
 *
 * Connections are opened as the schedule needs them, up to `maxConnections`; beyond that, due
 * requests wait for a free connection (and that wait is part of their latency). When the
 * window ends, requests still waiting for a connection are cancelled and counted as unsent;
 * requests on the wire are awaited (up to their timeout), so every request the server took is
 * measured. Both latencies are kept: from the due time (the level's figure) and from the send.
 */
import http from 'node:http';
import https from 'node:https';
import type { SignRequest } from '../system/sigv4-signer.ts';
import type { EncodedHistogram, RequestCounts } from '../run/run-file.ts';
import { UsageError } from '../errors.ts';
import { createLatencyHistogram, encodeHistogram, recordLatencyMs } from './latency-histogram.ts';
import { loadTotals, type LoadProgress, type LoadResult } from './run-load.ts';
import { errorMessage } from '../system/error-message.ts';

export interface OpenLoadOptions {
  url: string;
  /** Arrival rate in requests per second. */
  ratePerSec: number;
  durationSec: number;
  body: string;
  headers?: Record<string, string>;
  /** Most connections held at once; past it, due requests queue for a connection. */
  maxConnections: number;
  /** A request unanswered after this long counts as an error (timeout). Default 30 s. */
  timeoutSec?: number;
  signRequest?: SignRequest;
  /** Default 60 s. */
  resignIntervalMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
}

/** What an open-loop run adds to a LoadResult. */
export interface OpenLoopStats {
  targetRps: number;
  /** Requests due within the window by the schedule. */
  scheduled: number;
  /** Requests that went out on a connection. */
  sent: number;
  /** Due requests still waiting for a connection when the window ended (never sent). */
  unsent: number;
  /** Largest number of connections open at once. */
  connectionsMax: number;
  /** 2xx latency from the moment each request got its connection: what a closed-loop tool reports. */
  fromSendHistogram: EncodedHistogram;
}

export async function runOpenLoad(options: OpenLoadOptions): Promise<LoadResult & { open: OpenLoopStats }> {
  const { url, ratePerSec, durationSec, maxConnections } = options;
  if (!(ratePerSec > 0) || !Number.isFinite(ratePerSec)) throw new UsageError(`rate must be > 0 requests per second, got ${ratePerSec}`);
  if (!(durationSec > 0)) throw new UsageError(`load duration must be > 0 seconds, got ${durationSec}`);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new UsageError(`maxConnections must be a whole number ≥ 1, got ${maxConnections}`);
  const target = new URL(url);
  const isHttps = target.protocol === 'https:';
  const agent = isHttps ? new https.Agent({ keepAlive: true, maxSockets: maxConnections }) : new http.Agent({ keepAlive: true, maxSockets: maxConnections });
  const request = isHttps ? https.request : http.request;
  const baseHeaders: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const sign = async (): Promise<Record<string, string>> =>
    options.signRequest ? { ...baseHeaders, ...(await options.signRequest({ method: 'POST', url, headers: { ...baseHeaders }, body: options.body })) } : baseHeaders;
  let headers = await sign();
  const bodyBytes = Buffer.from(options.body);
  const timeoutMs = (options.timeoutSec ?? 30) * 1000;

  const fromDue = createLatencyHistogram();
  const fromSend = createLatencyHistogram();
  const requests: RequestCounts = { ok: 0, throttled: 0, errors: 0 };
  const statusCodes: Record<string, number> = {};
  const socketErrors: Record<string, number> = {};
  const waiting = new Set<http.ClientRequest>();
  const onWire = new Set<http.ClientRequest>();
  let scheduled = 0;
  let sent = 0;
  let unsent = 0;
  let connectionsMax = 0;
  let aborted = options.signal?.aborted ?? false;
  let failure: unknown;

  const intervalMs = 1000 / ratePerSec;
  const startMs = Date.now();
  const t0 = performance.now();
  const endT = t0 + durationSec * 1000;
  let allSettled: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (allSettled = resolve));
  let schedulingDone = false;
  const maybeDone = (): void => {
    if (schedulingDone && waiting.size === 0 && onWire.size === 0) allSettled();
  };

  const fire = (dueT: number): void => {
    scheduled += 1;
    let sentT = 0;
    let done = false;
    const req = request(target, { method: 'POST', agent, headers: { ...headers, 'content-length': String(bodyBytes.length) }, timeout: timeoutMs });
    waiting.add(req);
    const finish = (): void => {
      done = true;
      waiting.delete(req);
      onWire.delete(req);
      maybeDone();
    };
    req.once('socket', () => {
      if (!waiting.has(req)) return;
      waiting.delete(req);
      onWire.add(req);
      sent += 1;
      sentT = performance.now();
      const open = countSockets(agent);
      if (open > connectionsMax) connectionsMax = open;
    });
    req.on('response', (res) => {
      res.resume();
      res.once('end', () => {
        const endT2 = performance.now();
        const status = res.statusCode ?? 0;
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        if (status >= 200 && status < 300) {
          requests.ok += 1;
          recordLatencyMs(fromDue, endT2 - dueT);
          recordLatencyMs(fromSend, endT2 - sentT);
        } else if (status === 429) requests.throttled += 1;
        else requests.errors += 1;
        finish();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => {
      if (done) return;
      if (!cancelled.has(req)) {
        requests.errors += 1;
        socketErrors[error.message] = (socketErrors[error.message] ?? 0) + 1;
      }
      finish();
    });
    req.end(bodyBytes);
  };
  const cancelled = new WeakSet<http.ClientRequest>();
  const cancel = (req: http.ClientRequest): void => {
    cancelled.add(req);
    req.destroy();
  };

  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    timer = undefined;
    if (aborted) return;
    const now = performance.now();
    for (;;) {
      const dueT = t0 + next * intervalMs;
      if (dueT >= endT || dueT > now) break;
      fire(dueT);
      next += 1;
    }
    const nextDue = t0 + next * intervalMs;
    if (nextDue < endT) timer = setTimeout(tick, Math.max(0, nextDue - performance.now()));
    // At the end of the window (and after the sockets just handed out are assigned), what still
    // waits for a connection could not go out in time.
    else timer = setTimeout(() => setImmediate(endSchedule), Math.max(0, endT - performance.now()));
  };
  let endMs = startMs;
  const endSchedule = (): void => {
    if (schedulingDone) return;
    schedulingDone = true;
    endMs = Date.now();
    for (const req of [...waiting]) {
      unsent += 1;
      waiting.delete(req);
      cancel(req);
    }
    maybeDone();
  };
  const onAbort = (): void => {
    aborted = true;
    if (timer) clearTimeout(timer);
    endSchedule();
    for (const req of [...onWire]) cancel(req);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const progressTimer = options.onProgress ? setInterval(() => options.onProgress?.({ elapsedMs: Date.now() - startMs, requests: { ...requests } }), 250) : undefined;
  const resignTimer = options.signRequest
    ? setInterval(() => {
        sign().then(
          (fresh) => (headers = fresh),
          (error: unknown) => {
            failure = new Error(`re-signing requests failed: ${errorMessage(error)}`);
            onAbort();
          },
        );
      }, options.resignIntervalMs ?? 60_000)
    : undefined;

  if (aborted) endSchedule();
  else tick();
  try {
    await settled;
  } finally {
    if (timer) clearTimeout(timer);
    if (progressTimer) clearInterval(progressTimer);
    if (resignTimer) clearInterval(resignTimer);
    options.signal?.removeEventListener('abort', onAbort);
    agent.destroy();
  }
  if (failure !== undefined) throw failure;

  return {
    ...loadTotals(startMs, endMs, requests, fromDue),
    statusCodes,
    socketErrors,
    aborted: aborted && failure === undefined,
    // Every request on the wire was awaited: none is left running in the function.
    inFlightAtEnd: 0,
    open: { targetRps: ratePerSec, scheduled, sent, unsent, connectionsMax, fromSendHistogram: encodeHistogram(fromSend) },
  };
}

function countSockets(agent: http.Agent): number {
  let open = 0;
  for (const list of Object.values(agent.sockets)) open += list?.length ?? 0;
  return open;
}
