/**
 * Function URL semantics: an HTTP request becomes a payload format 2.0 event, and the
 * handler's result becomes the HTTP response (an object with statusCode is a structured
 * response; any other value is a 200 JSON body).
 */
import { validateHeaderName, validateHeaderValue, type IncomingMessage } from 'node:http';
import { lambdaMaxRequestBytes } from '../domain.ts';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
  /** Set on the engine's own error answers: the invocation counts as an error of this type. */
  errorType?: string;
}

/**
 * Lambda's synchronous payload limits. A request must be smaller than 6 MiB ("Request must be
 * smaller than 6291456 bytes for the InvokeFunction operation"); a response may be 100 bytes
 * more ("Exceeded maximum allowed payload size (6291556 bytes).").
 */
export const maxRequestBytes = lambdaMaxRequestBytes;
export const maxResponseBytes = 6 * 1024 * 1024 + 100;

/** Content types Function URLs pass as text; everything else arrives base64-encoded. */
const textualType = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

export function isTextual(contentType: string | undefined): boolean {
  return contentType === undefined || contentType === '' || textualType.test(contentType);
}

export function buildEvent(request: IncomingMessage, body: Buffer, functionName: string, requestId: string, startMs: number): Record<string, unknown> {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const rawPath = query === -1 ? url : url.slice(0, query);
  const rawQueryString = query === -1 ? '' : url.slice(query + 1);
  const headers: Record<string, string> = {};
  const incoming = request.headers;
  for (const name in incoming) {
    const value = incoming[name];
    if (name === 'cookie' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const event: Record<string, unknown> = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: functionName,
      domainName: headers['host'] ?? '127.0.0.1',
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: '$default',
      stage: '$default',
      timeEpoch: Math.floor(startMs),
    },
    isBase64Encoded: false,
  };
  const cookie = incoming.cookie;
  if (cookie) event['cookies'] = cookie.split(/;\s*/);
  if (rawQueryString) event['queryStringParameters'] = queryParameters(rawQueryString);
  if (body.length > 0) {
    if (isTextual(incoming['content-type'])) {
      event['body'] = body.toString('utf8');
    } else {
      event['body'] = body.toString('base64');
      event['isBase64Encoded'] = true;
    }
  }
  return event;
}

/** Repeated keys are joined with commas, as payload 2.0 does. */
function queryParameters(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) out[key] = key in out ? `${out[key]},${value}` : value;
  return out;
}

const jsonHeaders = { 'content-type': 'application/json' };

export function mapResult(result: unknown): HttpResponse {
  try {
    return mapSerialisable(result);
  } catch (error) {
    // JSON.stringify threw (a circular object, a BigInt): the Node.js runtime fails the
    // invocation with this error, and the Function URL answers 502.
    if (error instanceof TypeError) return functionError('Error', 'Unable to stringify response body');
    throw error;
  }
}

function mapSerialisable(result: unknown): HttpResponse {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const r = result as { statusCode: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown; cookies?: unknown };
    const statusCode = r.statusCode;
    if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
      return functionError('InvalidResponse', `statusCode must be a whole number from 100 to 599 (got ${JSON.stringify(statusCode)})`);
    }
    const headers: Record<string, string | string[]> = {};
    if (r.headers !== null && typeof r.headers === 'object') {
      for (const [name, value] of Object.entries(r.headers as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
    }
    if (Array.isArray(r.cookies) && r.cookies.length > 0) headers['set-cookie'] = r.cookies.map(String);
    const invalid = invalidHeader(headers);
    if (invalid !== undefined) return functionError('InvalidResponse', invalid);
    let body: string | Buffer = '';
    if (typeof r.body === 'string') body = r.isBase64Encoded === true ? Buffer.from(r.body, 'base64') : r.body;
    else if (r.body !== undefined && r.body !== null) body = JSON.stringify(r.body);
    return { statusCode, headers, body };
  }
  if (result === undefined || result === null) return { statusCode: 200, headers: jsonHeaders, body: '' };
  return { statusCode: 200, headers: jsonHeaders, body: typeof result === 'string' ? result : JSON.stringify(result) };
}

/** Why a header HTTP cannot carry (a newline in a value, a space in a name) is invalid, or undefined. */
function invalidHeader(headers: Record<string, string | string[]>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    try {
      validateHeaderName(name);
      for (const one of Array.isArray(value) ? value : [value]) validateHeaderValue(name, one);
    } catch (error) {
      return `the response header ${JSON.stringify(name)} cannot be sent over HTTP: ${(error as Error).message}`;
    }
  }
  return undefined;
}

/** A handler error, crash or bad response: Function URLs answer 502. */
export function functionError(errorType: string, errorMessage: string): HttpResponse {
  return { statusCode: 502, headers: jsonHeaders, body: JSON.stringify({ message: 'Internal Server Error', errorType, errorMessage }), errorType };
}

/** A response larger than Lambda's payload limit: the invocation fails, Function URLs answer 502. */
export function responseTooLarge(): HttpResponse {
  return functionError('RequestEntityTooLarge', `Exceeded maximum allowed payload size (${maxResponseBytes} bytes).`);
}

/** A request body over the limit never reaches the function (Lambda's RequestEntityTooLargeException). */
export function requestTooLarge(): HttpResponse {
  return {
    statusCode: 413,
    headers: { ...jsonHeaders, 'x-amzn-errortype': 'RequestEntityTooLargeException' },
    body: JSON.stringify({ Type: 'User', message: `Request must be smaller than ${maxRequestBytes} bytes for the InvokeFunction operation` }),
  };
}

export function throttled(message: string, reason: string, limit: number): HttpResponse {
  return { statusCode: 429, headers: jsonHeaders, body: JSON.stringify({ message, reason, limit }) };
}
