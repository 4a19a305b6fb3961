/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, on its own
 * listener (127.0.0.1, a free port), so one environment can never take another's invocation:
 *   GET  /2018-06-01/runtime/invocation/next             -> the next event (long poll)
 *   POST /2018-06-01/runtime/invocation/{id}/response    -> 202
 *   POST /2018-06-01/runtime/invocation/{id}/error       -> 202
 *   POST /2018-06-01/runtime/init/error                  -> 202 (before the first /next only)
 * Standard Lambda hands out one invocation at a time; LMI up to the environment's maximum
 * concurrency (AWS_LAMBDA_MAX_CONCURRENCY). A runtime may hold more /next calls open than that
 * (AWS's Node.js runtime interface client does): the extra ones wait until a slot frees.
 * A response for an unknown or already answered request id is refused (400 InvalidRequestID);
 * the environment keeps serving.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maxResponseBytes } from '../payload.ts';
import { traceId } from './trace-id.ts';

const prefix = '/2018-06-01/runtime/';

/** One invocation as the Runtime API hands it to the runtime. */
export interface RuntimeInvocation {
  requestId: string;
  /** The event, JSON-encoded. */
  body: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  /** Base64 JSON, as Lambda passes the client context of an SDK invoke. */
  clientContext?: string;
  /** JSON of the Cognito identity, when the caller had one. */
  cognitoIdentity?: string;
}

/** What the runtime answered for one invocation. */
export type RuntimeAnswer =
  | { kind: 'response'; body: Buffer }
  | { kind: 'error'; errorType: string; errorMessage: string; stackTrace?: string[] };

/** An init error as the runtime posted it. */
export interface RuntimeInitError {
  errorType: string;
  errorMessage: string;
}

export interface RuntimeApiEvents {
  /** The runtime's first GET /next: the environment's init is over. */
  onFirstNext(): void;
  onInitError(error: RuntimeInitError): void;
  /** An invocation was handed to the runtime (for per-invocation CPU accounting). */
  onHandedOut?(requestId: string): void;
}

interface Pending {
  invocation: RuntimeInvocation;
  resolve: (answer: RuntimeAnswer) => void;
}

/** Request ids answered lately, remembered so a second answer is named as such. */
const answeredMemory = 1024;

export class RuntimeApiServer {
  readonly #server: Server;
  readonly #maxConcurrency: number;
  readonly #events: RuntimeApiEvents;
  readonly #queue: Pending[] = [];
  readonly #waiting: ServerResponse[] = [];
  readonly #handedOut = new Map<string, Pending>();
  readonly #answered = new Set<string>();
  #ready = false;
  #closed = false;

  constructor(maxConcurrency: number, events: RuntimeApiEvents) {
    this.#maxConcurrency = maxConcurrency;
    this.#events = events;
    this.#server = createServer((req, res) => this.#route(req, res));
    // GET /next is a long poll: no request or idle timeout may cut it.
    this.#server.requestTimeout = 0;
    this.#server.headersTimeout = 0;
    this.#server.keepAliveTimeout = 0;
    this.#server.timeout = 0;
  }

  /** Listens on 127.0.0.1 and a free port; resolves with `host:port`, AWS_LAMBDA_RUNTIME_API's form. */
  listen(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        const { port } = this.#server.address() as AddressInfo;
        resolve(`127.0.0.1:${port}`);
      });
    });
  }

  /** Invocations handed to the runtime and not yet answered. */
  get inFlight(): number {
    return this.#handedOut.size;
  }

  /** Queues an invocation; resolves with the runtime's answer. */
  invoke(invocation: RuntimeInvocation): Promise<RuntimeAnswer> {
    if (this.#closed) return Promise.resolve({ kind: 'error', errorType: 'Runtime.Unavailable', errorMessage: 'the environment is stopped' });
    return new Promise((resolve) => {
      this.#queue.push({ invocation, resolve });
      this.#pump();
    });
  }

  /** Settles every queued and handed-out invocation with `answer`, and closes the listener. */
  close(answer: RuntimeAnswer): Promise<void> {
    this.#closed = true;
    for (const pending of [...this.#queue, ...this.#handedOut.values()]) pending.resolve(answer);
    this.#queue.length = 0;
    this.#handedOut.clear();
    for (const res of this.#waiting) res.destroy();
    this.#waiting.length = 0;
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #pump(): void {
    while (this.#queue.length > 0 && this.#waiting.length > 0 && this.#handedOut.size < this.#maxConcurrency) {
      const res = this.#waiting.shift() as ServerResponse;
      if (res.destroyed) continue;
      const pending = this.#queue.shift() as Pending;
      this.#handOut(res, pending);
    }
  }

  #handOut(res: ServerResponse, pending: Pending): void {
    const { invocation } = pending;
    this.#handedOut.set(invocation.requestId, pending);
    this.#events.onHandedOut?.(invocation.requestId);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'lambda-runtime-aws-request-id': invocation.requestId,
      'lambda-runtime-deadline-ms': String(Math.round(invocation.deadlineMs)),
      'lambda-runtime-invoked-function-arn': invocation.invokedFunctionArn,
      'lambda-runtime-trace-id': traceId(),
    };
    if (invocation.clientContext !== undefined) headers['lambda-runtime-client-context'] = invocation.clientContext;
    if (invocation.cognitoIdentity !== undefined) headers['lambda-runtime-cognito-identity'] = invocation.cognitoIdentity;
    res.writeHead(200, headers);
    res.end(invocation.body);
  }

  #route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0] as string;
    if (!path.startsWith(prefix)) return reply(res, 404, 'UnknownAPI', `no such Runtime API path: ${path}`);
    const rest = path.slice(prefix.length);
    if (req.method === 'GET' && rest === 'invocation/next') return this.#next(res);
    if (req.method === 'POST' && rest === 'init/error') return void this.#initError(req, res);
    const match = /^invocation\/([^/]+)\/(response|error)$/.exec(rest);
    if (req.method === 'POST' && match) return void this.#answer(req, res, decodeURIComponent(match[1] as string), match[2] as 'response' | 'error');
    reply(res, 404, 'UnknownAPI', `no such Runtime API call: ${req.method ?? ''} ${path}`);
  }

  #next(res: ServerResponse): void {
    if (this.#closed) return void res.destroy();
    if (!this.#ready) {
      this.#ready = true;
      this.#events.onFirstNext();
    }
    this.#waiting.push(res);
    res.once('close', () => {
      const at = this.#waiting.indexOf(res);
      if (at !== -1) this.#waiting.splice(at, 1);
    });
    this.#pump();
  }

  async #initError(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, maxResponseBytes);
    if (this.#ready) return reply(res, 403, 'InvalidStateTransition', 'init/error after the runtime asked for its first invocation');
    const parsed = errorBody(body.kind === 'ok' ? body.bytes : Buffer.alloc(0), req.headers['lambda-runtime-function-error-type']);
    reply(res, 202);
    this.#events.onInitError({ errorType: parsed.errorType, errorMessage: parsed.errorMessage });
  }

  async #answer(req: IncomingMessage, res: ServerResponse, requestId: string, kind: 'response' | 'error'): Promise<void> {
    const body = await readBody(req, maxResponseBytes);
    const pending = this.#handedOut.get(requestId);
    if (!pending) {
      const why = this.#answered.has(requestId) ? 'was already answered' : 'is not an invocation of this environment';
      return reply(res, 400, 'InvalidRequestID', `request id ${requestId} ${why}`);
    }
    this.#handedOut.delete(requestId);
    this.#remember(requestId);
    if (body.kind === 'too-large') {
      reply(res, 413, 'RequestEntityTooLarge', `Exceeded maximum allowed payload size (${maxResponseBytes} bytes).`);
      pending.resolve({ kind: 'error', errorType: 'RequestEntityTooLarge', errorMessage: `Response payload size (${body.bytes} bytes) exceeded maximum allowed payload size (${maxResponseBytes} bytes).` });
    } else {
      reply(res, 202);
      pending.resolve(kind === 'response' ? { kind: 'response', body: body.bytes } : errorBody(body.bytes, req.headers['lambda-runtime-function-error-type']));
    }
    this.#pump();
  }

  #remember(requestId: string): void {
    this.#answered.add(requestId);
    if (this.#answered.size > answeredMemory) this.#answered.delete(this.#answered.values().next().value as string);
  }
}

type Body = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large'; bytes: number };

/** Reads a request body up to `limit` bytes; past it, the rest is drained and only counted. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? { kind: 'too-large', bytes: size } : { kind: 'ok', bytes: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ kind: 'ok', bytes: Buffer.concat(chunks) }));
  });
}

/** The error body shape (errorMessage, errorType, stackTrace); the header names the type when the body does not. */
function errorBody(bytes: Buffer, headerType: string | string[] | undefined): RuntimeAnswer & { kind: 'error' } {
  const fallbackType = typeof headerType === 'string' && headerType !== '' ? headerType : 'Runtime.Unknown';
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { kind: 'error', errorType: fallbackType, errorMessage: bytes.toString('utf8').slice(0, 4096) || 'the runtime reported an error without a body' };
  }
  const o = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const errorType = typeof o['errorType'] === 'string' && o['errorType'] !== '' ? o['errorType'] : fallbackType;
  const errorMessage = typeof o['errorMessage'] === 'string' ? o['errorMessage'] : JSON.stringify(parsed);
  const answer: RuntimeAnswer & { kind: 'error' } = { kind: 'error', errorType, errorMessage };
  if (Array.isArray(o['stackTrace'])) answer.stackTrace = o['stackTrace'].map(String);
  return answer;
}

function reply(res: ServerResponse, status: number, errorType?: string, errorMessage?: string): void {
  const body = errorType === undefined ? JSON.stringify({ status: 'OK' }) : JSON.stringify({ errorMessage, errorType });
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}
