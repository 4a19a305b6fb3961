// The baselines of bench-engine: a bare node:http server in its own process. With no argument
// it answers what the no-op handler answers; given a handler module (path, export) it calls that
// handler in-process for every request, so the same handler's latency can be compared with and
// without the engine between it and the socket. Prints its port as one JSON line, exits when
// stdin closes.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const [handlerPath, exportName = 'handler'] = process.argv.slice(2);
const handler = handlerPath ? (await import(pathToFileURL(handlerPath).href))[exportName] : undefined;

const server = createServer({ keepAlive: true }, (req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    if (!handler) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }
    const result = await handler({ body: Buffer.concat(chunks).toString('utf8'), isBase64Encoded: false }, {});
    res.writeHead(result.statusCode ?? 200, result.headers ?? {});
    res.end(result.body ?? '');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
