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
import { UsageError } from '../errors.ts';
import { createLatencyHistogram, encodeHistogram, recordLatencyMs } from './latency-histogram.ts';
import { loadTotals, type LoadProgress, type LoadResult, type OpenLoopStats } from './load-result.ts';
import { createTally, reportProgress, startSigning, type Signing } from './tally.ts';

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

export async function runOpenLoad(options: OpenLoadOptions): Promise<LoadResult & { open: OpenLoopStats }> {
  const { url, ratePerSec, durationSec, maxConnections } = options;
  if (!(ratePerSec > 0) || !Number.isFinite(ratePerSec)) throw new UsageError(`rate must be > 0 requests per second, got ${ratePerSec}`);
  if (!(durationSec > 0)) throw new UsageError(`load duration must be > 0 seconds, got ${durationSec}`);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new UsageError(`maxConnections must be a whole number ≥ 1, got ${maxConnections}`);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const signing = await startSigning({ url, body: options.body, headers, ...(options.signRequest ? { signRequest: options.signRequest } : {}), ...(options.resignIntervalMs !== undefined ? { resignIntervalMs: options.resignIntervalMs } : {}) });
  return new OpenLoop(options, signing).run();
}

/** One open-loop run's state: the schedule, the requests waiting for a connection and those on the wire. */
class OpenLoop {
  readonly #options: OpenLoadOptions;
  readonly #signing: Signing;
  readonly #target: URL;
  readonly #agent: http.Agent;
  readonly #request: typeof http.request;
  readonly #bodyBytes: Buffer;
  readonly #timeoutMs: number;
  readonly #tally = createTally();
  readonly #fromDue = createLatencyHistogram();
  readonly #fromSend = createLatencyHistogram();
  readonly #waiting = new Set<http.ClientRequest>();
  readonly #onWire = new Set<http.ClientRequest>();
  readonly #cancelled = new WeakSet<http.ClientRequest>();
  #scheduled = 0;
  #sent = 0;
  #unsent = 0;
  #connectionsMax = 0;
  #aborted: boolean;
  #failure: Error | undefined;
  readonly #intervalMs: number;
  readonly #startMs = Date.now();
  #endMs = this.#startMs;
  readonly #t0 = performance.now();
  readonly #endT: number;
  #next = 0;
  #timer: NodeJS.Timeout | undefined;
  #schedulingDone = false;
  #allSettled: () => void = () => undefined;

  constructor(options: OpenLoadOptions, signing: Signing) {
    this.#options = options;
    this.#signing = signing;
    this.#target = new URL(options.url);
    const isHttps = this.#target.protocol === 'https:';
    this.#agent = isHttps ? new https.Agent({ keepAlive: true, maxSockets: options.maxConnections }) : new http.Agent({ keepAlive: true, maxSockets: options.maxConnections });
    this.#request = isHttps ? https.request : http.request;
    this.#bodyBytes = Buffer.from(options.body);
    this.#timeoutMs = (options.timeoutSec ?? 30) * 1000;
    this.#aborted = options.signal?.aborted ?? false;
    this.#intervalMs = 1000 / options.ratePerSec;
    this.#endT = this.#t0 + options.durationSec * 1000;
  }

  async run(): Promise<LoadResult & { open: OpenLoopStats }> {
    const options = this.#options;
    const settled = new Promise<void>((resolve) => (this.#allSettled = resolve));
    const onAbort = (): void => this.#abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const stopProgress = reportProgress(this.#tally, this.#startMs, options.onProgress);
    this.#signing.renew((error) => {
      this.#failure = error;
      this.#abort();
    });
    if (this.#aborted) this.#endSchedule();
    else this.#tick();
    try {
      await settled;
    } finally {
      if (this.#timer) clearTimeout(this.#timer);
      stopProgress();
      this.#signing.stop();
      options.signal?.removeEventListener('abort', onAbort);
      this.#agent.destroy();
    }
    if (this.#failure !== undefined) throw this.#failure;
    const tally = this.#tally;
    return {
      ...loadTotals(this.#startMs, this.#endMs, tally.requests, this.#fromDue),
      statusCodes: tally.statusCodes,
      socketErrors: tally.socketErrors,
      aborted: this.#aborted && this.#failure === undefined,
      // Every request on the wire was awaited: none is left running in the function.
      inFlightAtEnd: 0,
      open: { targetRps: options.ratePerSec, scheduled: this.#scheduled, sent: this.#sent, unsent: this.#unsent, connectionsMax: this.#connectionsMax, fromSendHistogram: encodeHistogram(this.#fromSend) },
    };
  }

  /** Sends every request due by now, then sleeps until the next one is due (or the window ends). */
  #tick(): void {
    this.#timer = undefined;
    if (this.#aborted) return;
    const now = performance.now();
    for (;;) {
      const dueT = this.#t0 + this.#next * this.#intervalMs;
      if (dueT >= this.#endT || dueT > now) break;
      this.#fire(dueT);
      this.#next += 1;
    }
    const nextDue = this.#t0 + this.#next * this.#intervalMs;
    if (nextDue < this.#endT) this.#timer = setTimeout(() => this.#tick(), Math.max(0, nextDue - performance.now()));
    // At the end of the window (and after the sockets just handed out are assigned), what still
    // waits for a connection could not go out in time.
    else this.#timer = setTimeout(() => setImmediate(() => this.#endSchedule()), Math.max(0, this.#endT - performance.now()));
  }

  /** One request due at `dueT`: it waits for a connection, goes on the wire, and is counted when it settles. */
  #fire(dueT: number): void {
    this.#scheduled += 1;
    let sentT = 0;
    let done = false;
    const req = this.#request(this.#target, { method: 'POST', agent: this.#agent, headers: { ...this.#signing.headers(), 'content-length': String(this.#bodyBytes.length) }, timeout: this.#timeoutMs });
    this.#waiting.add(req);
    const finish = (): void => {
      done = true;
      this.#waiting.delete(req);
      this.#onWire.delete(req);
      this.#maybeDone();
    };
    req.once('socket', () => {
      if (!this.#waiting.has(req)) return;
      this.#waiting.delete(req);
      this.#onWire.add(req);
      this.#sent += 1;
      sentT = performance.now();
      const open = countSockets(this.#agent);
      if (open > this.#connectionsMax) this.#connectionsMax = open;
    });
    req.on('response', (res) => {
      res.resume();
      res.once('end', () => {
        const endT = performance.now();
        if (this.#tally.answer(res.statusCode ?? 0) === 'ok') {
          recordLatencyMs(this.#fromDue, endT - dueT);
          recordLatencyMs(this.#fromSend, endT - sentT);
        }
        finish();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => {
      if (done) return;
      if (!this.#cancelled.has(req)) this.#tally.socketError(error.message);
      finish();
    });
    req.end(this.#bodyBytes);
  }

  #cancel(req: http.ClientRequest): void {
    this.#cancelled.add(req);
    req.destroy();
  }

  #maybeDone(): void {
    if (this.#schedulingDone && this.#waiting.size === 0 && this.#onWire.size === 0) this.#allSettled();
  }

  #endSchedule(): void {
    if (this.#schedulingDone) return;
    this.#schedulingDone = true;
    // The window is the schedule's: requests due in [start, start + duration), however late the
    // end timer fires. On a busy event loop it fired up to ~100 ms late (measured), which added
    // no request (none is due past the end) but stretched the window, and so understated the
    // achieved rate by that share of the window. An abort ends the window where it happened.
    this.#endMs = this.#startMs + Math.round(Math.min(performance.now(), this.#endT) - this.#t0);
    for (const req of [...this.#waiting]) {
      this.#unsent += 1;
      this.#waiting.delete(req);
      this.#cancel(req);
    }
    this.#maybeDone();
  }

  #abort(): void {
    this.#aborted = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#endSchedule();
    for (const req of [...this.#onWire]) this.#cancel(req);
  }
}

function countSockets(agent: http.Agent): number {
  let open = 0;
  for (const list of Object.values(agent.sockets)) open += list?.length ?? 0;
  return open;
}
