// test-lane: concurrent: asserts statuses.
// The control API runs code as the engine's user, so only the holder of the engine's token may
// use it: no token, a wrong token, an Origin (a browser page) or a foreign Host (DNS rebinding)
// is refused, and nothing is deployed or stopped. The runner's own client, the CloudWatch and
// Lambda SDK clients (read-only AWS APIs on the same port) and the function front doors keep
// working.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { send, standardSpec } from './support.ts';

let engine: EngineHandle;
let port: string;
before(async () => {
  engine = await startEngine();
  port = new URL(engine.controlUrl).port;
});
after(() => engine.stop());

const functionsPath = '/_engine/functions';

async function deployedNames(): Promise<string[]> {
  const names: string[] = [];
  for (const name of ['token-ok', 'no-token', 'wrong-token', 'with-origin', 'foreign-host']) {
    if (await engine.client.state(name).then(() => true, () => false)) names.push(name);
  }
  return names;
}

test("the runner's own client deploys, reads and removes; the front door needs no token", { timeout: 60_000 }, async () => {
  const deployed = await engine.client.deploy(standardSpec('token-ok'));
  const state = await engine.client.state('token-ok');
  assert.equal(state.name, 'token-ok');
  const invoked = await send(deployed.url, {});
  assert.equal(invoked.status, 200, invoked.body);
  await engine.client.remove('token-ok');
});

test('control requests without the token, or with a wrong one, are refused with 401', { timeout: 60_000 }, async () => {
  const spec = standardSpec('no-token');
  const none = await send(engine.controlUrl, spec, { path: functionsPath });
  assert.equal(none.status, 401, none.body);
  assert.match(none.json<{ message: string }>().message, /token/);
  const wrong = await send(engine.controlUrl, standardSpec('wrong-token'), { path: functionsPath, headers: { authorization: `Bearer ${'A'.repeat(43)}` } });
  assert.equal(wrong.status, 401, wrong.body);
  // The same 401 for reads, removal and shutdown; the engine is still up afterwards.
  for (const [method, path] of [['GET', '/_engine/health'], ['GET', `${functionsPath}/x`], ['DELETE', `${functionsPath}/x`], ['POST', '/_engine/shutdown']] as const) {
    const reply = await send(engine.controlUrl, {}, { method, path });
    assert.equal(reply.status, 401, `${method} ${path}: ${reply.body}`);
  }
  assert.deepEqual(await deployedNames(), []);
});

test('a browser-style request (any Origin) or a foreign Host is refused with 403, even with the token', { timeout: 60_000 }, async () => {
  const authorization = `Bearer ${engine.token}`;
  // A cross-origin "simple" POST a web page can send without a preflight.
  const withOrigin = await send(engine.controlUrl, JSON.stringify(standardSpec('with-origin')), {
    path: functionsPath,
    headers: { authorization, origin: 'http://evil.example', 'content-type': 'text/plain' },
  });
  assert.equal(withOrigin.status, 403, withOrigin.body);
  const nullOrigin = await send(engine.controlUrl, standardSpec('with-origin'), { path: functionsPath, headers: { authorization, origin: 'null' } });
  assert.equal(nullOrigin.status, 403, nullOrigin.body);
  const foreignHost = await send(engine.controlUrl, standardSpec('foreign-host'), { path: functionsPath, headers: { authorization, host: `evil.example:${port}` } });
  assert.equal(foreignHost.status, 403, foreignHost.body);
  assert.deepEqual(await deployedNames(), []);

  // The AWS APIs on the same port: the same Host/Origin rule.
  const body = JSON.stringify({ MetricDataQueries: [], StartTime: 0, EndTime: 1 });
  const target = { 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData', 'content-type': 'application/x-amz-json-1.0' };
  assert.equal((await send(engine.controlUrl, body, { headers: { ...target, origin: 'http://evil.example' } })).status, 403);
  assert.equal((await send(engine.controlUrl, body, { headers: { ...target, host: `rebound.example:${port}` } })).status, 403);
  assert.equal((await send(engine.controlUrl, {}, { method: 'GET', path: '/2015-03-31/functions/', headers: { origin: 'http://evil.example' } })).status, 403);
  assert.equal((await send(engine.controlUrl, {}, { method: 'GET', path: '/2015-03-31/functions/', headers: { host: `rebound.example:${port}` } })).status, 403);
});

test('the real Lambda SDK client still lists functions without the token', { timeout: 60_000 }, async () => {
  await engine.client.deploy(standardSpec('token-listed'));
  const lambda = new LambdaClient({ endpoint: engine.controlUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  try {
    const listed = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(listed.Functions?.map((f) => f.FunctionName), ['token-listed']);
  } finally {
    lambda.destroy();
    await engine.client.remove('token-listed');
  }
});

test('the real CloudWatch SDK client still reads metrics from the engine without the token', { timeout: 60_000 }, async () => {
  const client = new CloudWatchClient({ endpoint: engine.controlUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const endTime = new Date();
    const result = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(endTime.getTime() - 60_000),
        EndTime: endTime,
        MetricDataQueries: [{ Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'token-ok' }] }, Period: 60, Stat: 'Sum' } }],
      }),
    );
    assert.equal(result.MetricDataResults?.[0]?.Id, 'inv');
  } finally {
    client.destroy();
  }
});
