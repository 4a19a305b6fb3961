// test-lane: serial: asserts how long the command took.
// An AWS endpoint that accepts the connection and never answers: `advise --function` printed
// nothing for over 200 s. Every SDK client now has a connection and a request timeout (which
// throws, not only warns) and one retry, so the command ends in one line, exit 2, within 60 s.
// The run here sets the request timeout to 2 s (LMI_BENCH_AWS_TIMEOUT_SEC, a user option) so it
// does not wait 2 x 20 s: the same path (each attempt times out, the retry, one line) in a few
// seconds; test/system/aws-calls-fail-within-a-minute-by-default.test.ts checks the defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { cleanEnv, runProcess, repoRoot } from '../cli/spawn-cli.ts';
import { awsClientLimits, awsTimeoutVariable } from '../../runner/system/aws-client-limits.ts';

test('advise --function against a silent endpoint fails in one line within 60 s', { timeout: 120_000 }, async () => {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('data', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const started = Date.now();
    const result = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'advise', '--function', 'x', '--endpoint', `http://127.0.0.1:${port}`, '--offline'], { timeoutMs: 90_000, env: cleanEnv({ [awsTimeoutVariable]: '2' }) });
    const elapsedMs = Date.now() - started;
    assert.equal(result.code, 2, `exit ${result.code} after ${elapsedMs} ms\n${result.stderr}`);
    assert.ok(elapsedMs < 60_000, `took ${elapsedMs} ms`);
    // Both attempts waited their 2 s: the timeout set is the one the clients use.
    assert.ok(elapsedMs >= 2 * 2_000, `took ${elapsedMs} ms`);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /requestTimeout/);
    assert.equal(connections, awsClientLimits().maxAttempts, 'each attempt opened a connection');
  } finally {
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});
