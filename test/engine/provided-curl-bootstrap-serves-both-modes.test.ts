// test-lane: concurrent: asserts replies.
// An OS-only runtime written as a shell script with curl (test/fixtures/workloads/provided-curl)
// speaks to the engine's Runtime API: standard Lambda answers one at a time; on LMI with maximum
// concurrency 4 the script sees AWS_LAMBDA_MAX_CONCURRENCY=4 and four invocations are in its
// handler at once, measured by the times the handler itself took on entering and leaving.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { providedWorkload } from './runtime-api-workloads.ts';
import { lmiSpec, send, sendMany, standardSpec } from './support.ts';

const workloadDir = fileURLToPath(new URL('../fixtures/workloads/provided-curl', import.meta.url));

interface Answer {
  requestId: string;
  enteredNs: number;
  leftNs: number;
  maxConcurrency: string;
  handler: string;
  logGroup: string;
}

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

test('LMI, maximum concurrency 4: AWS_LAMBDA_MAX_CONCURRENCY is 4 and four invocations are in the handler at once', { timeout: 60_000 }, async () => {
  const fn = await engine.client.deploy(lmiSpec('curl-lmi', { minEnvironments: 1, maxConcurrency: 4 }, { runtime: 'provided', workloadDir }));
  const replies = await sendMany(fn.url, 4, { delayMs: 600 });
  assert.deepEqual(replies.map((r) => r.status), [200, 200, 200, 200]);
  const answers = replies.map((r) => r.json<Answer>());
  for (const answer of answers) {
    assert.equal(answer.maxConcurrency, '4');
    assert.equal(answer.handler, 'sleep.handler');
    assert.equal(answer.logGroup, '/aws/lambda/curl-lmi');
  }
  assert.equal(new Set(answers.map((a) => a.requestId)).size, 4);
  // All four overlap: the last to enter entered before the first to leave left.
  const lastEntered = Math.max(...answers.map((a) => a.enteredNs));
  const firstLeft = Math.min(...answers.map((a) => a.leftNs));
  assert.ok(lastEntered < firstLeft, `four in the handler at once: last entered ${lastEntered}, first left ${firstLeft}`);
});

test('standard Lambda: the bootstrap answers, without AWS_LAMBDA_MAX_CONCURRENCY', { timeout: 60_000 }, async () => {
  const fn = await engine.client.deploy(standardSpec('curl-std', {}, { runtime: 'provided', workloadDir }));
  const reply = await send(fn.url, { delayMs: 10 });
  assert.equal(reply.status, 200, reply.body);
  const answer = reply.json<Answer>();
  assert.equal(answer.maxConcurrency, '');
  assert.equal(reply.headers['x-amzn-requestid'], answer.requestId, 'the Runtime API request id is the invocation the front door answers for');
});

test('a response for an unknown or already answered request id is refused to the runtime; the environment keeps serving', { timeout: 60_000 }, async () => {
  const script = `#!/bin/sh
api="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
h="$(mktemp)"
while true; do
  curl -sS -D "$h" -o /dev/null "$api/invocation/next" || exit 1
  id="$(grep -i '^lambda-runtime-aws-request-id:' "$h" | tr -d '\\r' | cut -d' ' -f2)"
  bogus="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -d '"x"' "$api/invocation/not-$id/response")"
  first="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -d "{\\"bogus\\":$bogus}" "$api/invocation/$id/response")"
  second="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -d '"again"' "$api/invocation/$id/response")"
  echo "$id bogus=$bogus first=$first second=$second" >> "$TMPDIR/codes"
done
`;
  const fn = await engine.client.deploy(standardSpec('curl-ids', {}, { runtime: 'provided', workloadDir: providedWorkload('ids', script) }));
  for (let i = 0; i < 3; i++) {
    const reply = await send(fn.url, {});
    assert.equal(reply.status, 200, reply.body);
    assert.deepEqual(reply.json(), { bogus: 400 }, 'the unknown id was refused 400; the first real answer stands');
  }
  const state = await engine.client.state('curl-ids');
  assert.equal(state.environments.length, 1, 'one environment served all three');
});
