// test-lane: concurrent: asserts error types and that the function serves after each fault, not time.
// A Runtime API runtime (an OS-only shell bootstrap) fails as the Node and Python ones do: a
// runtime that exits under an invocation is Runtime.ExitError and its environment is replaced;
// an invocation past the timeout is TimeoutError; a response over 6 MB is RequestEntityTooLarge
// (the runtime gets 413); a handler error posted to /error is the invocation's error. Each time
// the function serves the next request.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { providedWorkload } from './runtime-api-workloads.ts';
import { send, standardSpec } from './support.ts';

// The event's "do" picks the behaviour: exit, sleep, big, fail; anything else answers "ok".
const script = `#!/bin/sh
api="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
h="$(mktemp)"
while true; do
  event="$(curl -sS -D "$h" "$api/invocation/next")" || exit 1
  id="$(grep -i '^lambda-runtime-aws-request-id:' "$h" | tr -d '\\r' | cut -d' ' -f2)"
  case "$event" in
    *'do\\":\\"exit'*) exit 7 ;;
    *'do\\":\\"sleep'*) sleep 3 ;;
    *'do\\":\\"big'*) head -c 7000000 /dev/zero | tr '\\0' 'a' | sed 's/^/"/; s/$/"/' > "$TMPDIR/big"
      curl -sS -o /dev/null -X POST --data-binary @"$TMPDIR/big" "$api/invocation/$id/response"; continue ;;
    *'do\\":\\"fail'*) curl -sS -o /dev/null -X POST -H 'Lambda-Runtime-Function-Error-Type: Unhandled' \\
      -d '{"errorMessage":"card declined","errorType":"PaymentError","stackTrace":[]}' "$api/invocation/$id/error"; continue ;;
  esac
  curl -sS -o /dev/null -X POST -d '"ok"' "$api/invocation/$id/response"
done
`;

let engine: EngineHandle;
let url: string;
before(async () => {
  engine = await startEngine();
  url = (await engine.client.deploy(standardSpec('shell-faults', {}, { runtime: 'provided', timeoutMs: 1000, workloadDir: providedWorkload('faults', script) }))).url;
});
after(() => engine.stop());

test('a runtime that exits under an invocation: Runtime.ExitError, then a new environment serves', { timeout: 60_000 }, async () => {
  const failed = await send(url, { do: 'exit' });
  assert.equal(failed.status, 502);
  const body = failed.json<{ errorType: string; errorMessage: string }>();
  assert.deepEqual([body.errorType, body.errorMessage], ['Runtime.ExitError', 'Runtime exited with error: exit status 7']);
  assert.equal((await send(url, { do: 'nothing' })).body, 'ok');
});

test('past the timeout: TimeoutError, then the function serves', { timeout: 60_000 }, async () => {
  const late = await send(url, { do: 'sleep' });
  assert.equal(late.status, 502);
  assert.equal(late.json<{ errorType: string }>().errorType, 'TimeoutError');
  assert.equal((await send(url, { do: 'nothing' })).body, 'ok');
});

test('a response over 6 MB: RequestEntityTooLarge, then the function serves', { timeout: 60_000 }, async () => {
  const big = await send(url, { do: 'big' });
  assert.equal(big.status, 502);
  assert.equal(big.json<{ errorType: string }>().errorType, 'RequestEntityTooLarge');
  assert.equal((await send(url, { do: 'nothing' })).body, 'ok');
});

test('an error posted to /error: the invocation fails with the runtime\'s type and message', { timeout: 60_000 }, async () => {
  const failed = await send(url, { do: 'fail' });
  assert.equal(failed.status, 502);
  const body = failed.json<{ errorType: string; errorMessage: string }>();
  assert.deepEqual([body.errorType, body.errorMessage], ['HandlerError', 'PaymentError: card declined']);
});
