// test-lane: concurrent: asserts refusals.
// Fake AWS credentials used to reach `cdk deploy`: 24–34 lines of stack traces, a run.json left
// "running", an empty run folder. STS GetCallerIdentity is now asked first (a SigV4-signed POST,
// endpoint overridden the AWS SDK way, here a server on 127.0.0.1 answering as STS does to a bad
// key): one line, exit 2, and nothing written under --out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { fakeCdk, testCredentialsEnv } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

const stsError = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>InvalidClientTokenId</Code>
    <Message>The security token included in the request is invalid.</Message>
  </Error>
  <RequestId>2d5bd8e4-0000-4000-8000-000000000000</RequestId>
</ErrorResponse>`;

test('bench --target aws and deploy with credentials STS refuses: one line, exit 2, no run folder', { timeout: 120_000 }, async () => {
  const requests: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      res.writeHead(403, { 'content-type': 'text/xml' }).end(stsError);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const root = testTempDir('lmi-bench-bad-credentials-');
  try {
    const env = cleanEnv({ ...testCredentialsEnv, HOME: root, AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, LMI_BENCH_CDK: fakeCdk, FAKE_CDK_LOG: join(root, 'cdk.log') });
    const out = join(root, 'results');
    for (const command of ['bench', 'deploy']) {
      const args = [`${repoRoot}bin/lmi-bench.mjs`, command, '--workload', 'io-bound', '--offline', '--out', out, '--run-id', `bad-${command}`, ...(command === 'bench' ? ['--target', 'aws'] : [])];
      const result = await runProcess(process.execPath, args, { env, timeoutMs: 60_000 });
      assert.equal(result.code, 2, `${command}: exit ${result.code}\n${result.stderr}`);
      const lines = result.stderr.split('\n').filter((line) => line !== '');
      assert.equal(lines.length, 1, `${command}: ${result.stderr}`);
      assert.match(lines[0] ?? '', /AWS refused the credentials \(STS GetCallerIdentity: InvalidClientTokenId: The security token included in the request is invalid\.\)/);
      assert.equal(existsSync(out) ? readdirSync(out).length : 0, 0, `${command} left ${existsSync(out) ? readdirSync(out).join(', ') : ''} under --out`);
    }
    assert.equal(existsSync(join(root, 'cdk.log')), false, 'cdk never ran');
    assert.equal(requests.length, 2);
    for (const request of requests) {
      assert.equal(request.body, 'Action=GetCallerIdentity&Version=2011-06-15');
      assert.match(String(request.headers['authorization']), /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/sts\/aws4_request, /);
    }
  } finally {
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
