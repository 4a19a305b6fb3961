/**
 * The engine's control port: the control API under /_engine/ (behind the engine's token), the
 * CloudWatch GetMetricData subset on POST / and the Lambda API subset under
 * /2015-03-31/functions (read-only AWS APIs the SDK reaches without the token; see
 * protocol.ts and control-access.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../errors.ts';
import { NotFoundError, type Engine } from './engine.ts';
import { handleLambdaApiRequest, isLambdaApiPath } from './lambda-api/handler.ts';
import { errorMessage } from '../system/error-message.ts';
import { checkLoopbackRequest, checkToken, createControlToken, type AccessDecision } from './control-access.ts';

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function finiteParam(url: URL, name: string): number {
  const raw = url.searchParams.get(name);
  const value = raw === null ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`query parameter ${name} must be a number of epoch milliseconds`);
  return value;
}

/**
 * The AWS APIs the SDK reads (CloudWatch GetMetricData, Lambda GetFunctionConfiguration and
 * ListFunctions): read-only, signed with SigV4 and no custom header, so the token is not asked
 * for; the Host and Origin rule still applies.
 */
function isAwsApi(path: string): boolean {
  return path === '/' || isLambdaApiPath(path);
}

export interface ControlServer {
  server: Server;
  url: string;
  /** The control API's bearer token, created for this engine. */
  token: string;
}

export async function startControlServer(engine: Engine, options: { port?: number; onShutdown: () => void }): Promise<ControlServer> {
  const token = createControlToken();
  let port = 0;
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const refusal = [checkLoopbackRequest(req.headers, port), isAwsApi(path) ? null : checkToken(req.headers, token)].find(
      (decision): decision is Extract<AccessDecision, { allowed: false }> => decision !== null && !decision.allowed,
    );
    if (refusal) {
      // The body is not read: close the connection rather than leave it half-consumed.
      res.setHeader('connection', 'close');
      if (refusal.status === 401) res.setHeader('www-authenticate', 'Bearer');
      return send(res, refusal.status, { message: refusal.message });
    }
    if (method === 'POST' && path === '/') {
      const target = req.headers['x-amz-target'];
      // Computed on the query thread: the front doors on this event loop keep serving meanwhile.
      const answer = await engine.cloudWatch.handle({ target: Array.isArray(target) ? target[0] : target, body: await readBody(req) });
      res.writeHead(answer.status, { 'content-type': answer.contentType, ...answer.headers, 'content-length': Buffer.byteLength(answer.body) }).end(answer.body);
      return;
    }
    if (isLambdaApiPath(path)) {
      const answer = handleLambdaApiRequest(engine.catalog(), { method, path, query: url.searchParams });
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) }).end(answer.body);
      return;
    }
    if (method === 'GET' && path === '/_engine/health') return send(res, 200, { ok: true, pid: process.pid });
    if (method === 'POST' && path === '/_engine/shutdown') {
      // Stop only once the 204 is on the wire: stopping closes every connection.
      res.once('finish', options.onShutdown);
      send(res, 204);
      return;
    }
    if (method === 'POST' && path === '/_engine/functions') {
      const text = await readBody(req);
      let spec: unknown;
      try {
        spec = JSON.parse(text);
      } catch {
        throw new UsageError('the request body must be a JSON FunctionSpec');
      }
      return send(res, 201, await engine.deploy(spec));
    }
    const match = /^\/_engine\/functions\/([^/]+)(\/stats)?$/.exec(path);
    if (match) {
      const name = decodeURIComponent(match[1] ?? '');
      if (match[2] && method === 'GET') return send(res, 200, engine.stats(name, finiteParam(url, 'startMs'), finiteParam(url, 'endMs')));
      if (!match[2] && method === 'GET') return send(res, 200, engine.state(name));
      if (!match[2] && method === 'DELETE') {
        await engine.remove(name);
        return send(res, 204);
      }
    }
    send(res, 404, { message: `no route for ${method} ${path}` });
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const message = errorMessage(error);
      const status = error instanceof UsageError ? 400 : error instanceof NotFoundError ? 404 : 500;
      if (!res.headersSent) send(res, status, { message: message.split('\n')[0] });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  ({ port } = server.address() as AddressInfo);
  return { server, url: `http://127.0.0.1:${port}`, token };
}
