/**
 * The Function-URL-style endpoint of one function: its own HTTP server on 127.0.0.1 with
 * keep-alive. Every request is recorded in the MetricsStore. The dispatch path stays lean
 * (no logging, no per-request work beyond building the event and the record).
 *
 * Nothing a handler returns can take the engine down: a response HTTP cannot carry (a header
 * with a newline), or one over Lambda's 6 MB payload limit, is that invocation's error (502,
 * recorded with its errorType). Request bodies over the limit get 413 without reaching the
 * function, and are never buffered past it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FunctionRuntime } from './function-runtime.ts';
import type { Handled } from './invocation.ts';
import type { MetricsStore } from './metrics-store.ts';
import type { InvocationRecord } from './protocol.ts';
import { buildEvent, functionError, mapResult, maxRequestBytes, maxResponseBytes, requestTooLarge, responseTooLarge, throttled, type HttpResponse } from './payload.ts';

const timeOrigin = performance.timeOrigin;

/** The engine's name for an LMI request that found every environment crashed (AWS documents none). */
export const noEnvironmentErrorType = 'EnvironmentsCrashed';

function nowMs(): number {
  return timeOrigin + performance.now();
}

export interface FrontDoor {
  url: string;
  close(): Promise<void>;
}

/**
 * Writes the response; returns why it could not be written, or undefined. Headers are checked
 * before (mapResult), so this is the last line of defence, not the check.
 */
function respond(res: ServerResponse, response: HttpResponse, requestId: string): string | undefined {
  try {
    // The invocation's request id (context.awsRequestId) in the header name Lambda's HTTP APIs use,
    // so a client can tell which invocation answered (lmi-bench safety joins on it).
    res.setHeader('x-amzn-requestid', requestId);
    res.writeHead(response.statusCode, response.headers);
    res.end(response.body);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    if (res.headersSent) res.destroy();
    else respond(res, functionError('InvalidResponse', message), requestId);
    return message;
  }
}

function toResponse(handled: Handled, timeoutMs: number): HttpResponse {
  switch (handled.kind) {
    case 'ok': {
      const response = mapResult(handled.result);
      return Buffer.byteLength(response.body) > maxResponseBytes ? responseTooLarge() : response;
    }
    case 'error':
      return functionError(handled.errorType ?? 'HandlerError', handled.message);
    case 'init-error':
      return functionError('InitError', handled.message);
    case 'timeout':
      return functionError('TimeoutError', `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    case 'throttled':
      return throttled(handled.message, handled.reason, handled.limit);
    case 'no-environment':
      return functionError(noEnvironmentErrorType, handled.message);
  }
}

/** `errorType`: set when the invocation failed, also when the handler returned but its response could not be given. */
function toRecord(fn: FunctionRuntime, handled: Handled, startMs: number, endMs: number, errorType: string | undefined): InvocationRecord {
  const mode = fn.spec.compute.type;
  if (handled.kind === 'no-environment') {
    return { functionName: fn.spec.name, mode, startMs, endMs, durationMs: 0, billedDurationMs: 0, status: 'error', errorType: errorType ?? noEnvironmentErrorType };
  }
  if (handled.kind === 'throttled') {
    return { functionName: fn.spec.name, mode, startMs, endMs, durationMs: 0, billedDurationMs: 0, status: 'throttled', throttleReason: handled.reason };
  }
  const record: InvocationRecord = {
    functionName: fn.spec.name,
    mode,
    startMs,
    endMs,
    durationMs: handled.durationMs,
    billedDurationMs: Math.ceil(handled.durationMs),
    environmentId: handled.environmentId,
    status: handled.kind === 'timeout' ? 'timeout' : errorType === undefined && handled.kind === 'ok' ? 'ok' : 'error',
  };
  if (errorType !== undefined) record.errorType = errorType;
  if (handled.initDurationMs !== undefined) record.initDurationMs = handled.initDurationMs;
  if ((handled.kind === 'ok' || handled.kind === 'error') && handled.usage) record.usage = handled.usage;
  return record;
}

export function startFrontDoor(fn: FunctionRuntime, store: MetricsStore, port = 0): Promise<FrontDoor> {
  const { name, timeoutMs } = fn.spec;
  const dispatch = (req: IncomingMessage, res: ServerResponse, body: Buffer, startMs: number): void => {
    const requestId = randomUUID();
    fn.invoke(buildEvent(req, body, name, requestId, startMs), requestId).then(
      (handled) => {
        let response: HttpResponse;
        try {
          response = toResponse(handled, timeoutMs);
        } catch (error) {
          // A result JSON cannot express (a cycle, a BigInt) is the handler's error.
          response = functionError('InvalidResponse', (error as Error).message);
        }
        const unsent = respond(res, response, requestId);
        const errorType = unsent !== undefined ? 'InvalidResponse' : response.errorType;
        store.recordInvocation(toRecord(fn, handled, startMs, nowMs(), errorType));
      },
      (error: unknown) => respond(res, functionError('EngineError', (error as Error).message), requestId),
    );
  };
  const server: Server = createServer({ keepAlive: true, keepAliveTimeout: 65_000 }, (req, res) => {
    const startMs = nowMs();
    // Over the limit, the rest of the body is read and dropped, never kept, and the 413 goes
    // out once the upload ends: answering (and closing) mid-upload makes clients see a reset.
    const declared = Number(req.headers['content-length']);
    let refused = Number.isFinite(declared) && declared > maxRequestBytes;
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      bytes += chunk.length;
      if (bytes > maxRequestBytes) {
        refused = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) respond(res, requestTooLarge(), randomUUID());
      else dispatch(req, res, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), startMs);
    });
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
