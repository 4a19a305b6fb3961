// test-lane: concurrent: asserts the protocol and the order of answers.
// The Runtime API of one environment, spoken to over HTTP as a runtime would: the documented
// headers, at most the maximum concurrency handed out (extra /next calls wait), the error body
// shape, init errors, the 6 MB limit, and a response for an unknown or already answered request
// id refused while the environment keeps serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeApiServer, type RuntimeAnswer, type RuntimeInitError, type RuntimeInvocation } from '../../runner/engine/runtime-api/server.ts';

const base = (address: string): string => `http://${address}/2018-06-01/runtime`;

function invocation(requestId: string, extra: Partial<RuntimeInvocation> = {}): RuntimeInvocation {
  return { requestId, body: JSON.stringify({ n: requestId }), deadlineMs: Date.now() + 5000, invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:f', ...extra };
}

async function started(maxConcurrency: number): Promise<{ server: RuntimeApiServer; api: string; ready: () => boolean; initErrors: RuntimeInitError[] }> {
  let ready = false;
  const initErrors: RuntimeInitError[] = [];
  const server = new RuntimeApiServer(maxConcurrency, { onFirstNext: () => (ready = true), onInitError: (e) => initErrors.push(e) });
  const api = base(await server.listen());
  return { server, api, ready: () => ready, initErrors };
}

/** Polls until `check` holds (a slow machine may take a while to deliver a request), at most 10 s. */
async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check() && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
}

const closed: RuntimeAnswer = { kind: 'error', errorType: 'Runtime.Unavailable', errorMessage: 'test over' };

test('GET /next carries the invocation headers; the response body is the answer', async () => {
  const { server, api, ready } = await started(1);
  try {
    assert.equal(ready(), false);
    const next = fetch(`${api}/invocation/next`);
    await until(ready);
    assert.equal(ready(), true, 'ready at the first /next');
    const answer = server.invoke(invocation('req-1', { clientContext: 'eyJ4IjoxfQ==', cognitoIdentity: '{"cognitoIdentityId":"id"}' }));
    const got = await next;
    assert.equal(got.headers.get('lambda-runtime-aws-request-id'), 'req-1');
    assert.match(got.headers.get('lambda-runtime-deadline-ms') ?? '', /^\d{13}$/);
    assert.equal(got.headers.get('lambda-runtime-invoked-function-arn'), 'arn:aws:lambda:us-east-1:000000000000:function:f');
    assert.match(got.headers.get('lambda-runtime-trace-id') ?? '', /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    assert.equal(got.headers.get('lambda-runtime-client-context'), 'eyJ4IjoxfQ==');
    assert.equal(got.headers.get('lambda-runtime-cognito-identity'), '{"cognitoIdentityId":"id"}');
    assert.deepEqual(await got.json(), { n: 'req-1' });
    const posted = await fetch(`${api}/invocation/req-1/response`, { method: 'POST', body: '{"ok":true}' });
    assert.equal(posted.status, 202);
    const result = await answer;
    assert.equal(result.kind, 'response');
    assert.equal(result.kind === 'response' && result.body.toString(), '{"ok":true}');
  } finally {
    await server.close(closed);
  }
});

test('LMI: at most the maximum concurrency is handed out; an extra /next waits for a slot', async () => {
  const { server, api } = await started(2);
  try {
    const polls = [0, 1, 2].map(() => fetch(`${api}/invocation/next`).then(async (r) => ({ id: r.headers.get('lambda-runtime-aws-request-id') as string, at: Date.now() })));
    const answers = ['a', 'b', 'c'].map((id) => server.invoke(invocation(id)));
    const settled: number[] = [];
    polls.forEach((p, i) => void p.then(() => settled.push(i)));
    // However slow the machine: two are handed out, and the third stays waiting while they run.
    for (let waited = 0; settled.length < 2 && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(server.inFlight, 2, 'two handed out');
    assert.equal(settled.length, 2, 'the third /next waits');
    const handed = await Promise.all(settled.map((i) => polls[i] as Promise<{ id: string }>)).then((got) => got.map((p) => p.id).sort());
    const third = polls.find((_, i) => !settled.includes(i)) as Promise<{ id: string; at: number }>;
    const waitingSince = Date.now();
    await fetch(`${api}/invocation/${handed[0]}/response`, { method: 'POST', body: '1' });
    const thirdAnswer = await third;
    assert.ok(thirdAnswer.at >= waitingSince, 'the third /next answered only once a slot freed');
    for (const id of [handed[1], thirdAnswer.id]) await fetch(`${api}/invocation/${id}/response`, { method: 'POST', body: '2' });
    assert.deepEqual((await Promise.all(answers)).map((a) => a.kind), ['response', 'response', 'response']);
  } finally {
    await server.close(closed);
  }
});

test('a response for an unknown or already answered request id is refused; the environment keeps serving', async () => {
  const { server, api } = await started(1);
  try {
    const next = fetch(`${api}/invocation/next`);
    const answer = server.invoke(invocation('only'));
    await next;
    const unknown = await fetch(`${api}/invocation/nobody/response`, { method: 'POST', body: '{}' });
    assert.equal(unknown.status, 400);
    assert.deepEqual(await unknown.json(), { errorType: 'InvalidRequestID', errorMessage: 'request id nobody is not an invocation of this environment' });
    assert.equal((await fetch(`${api}/invocation/only/response`, { method: 'POST', body: '"first"' })).status, 202);
    const again = await fetch(`${api}/invocation/only/error`, { method: 'POST', body: '{}' });
    assert.equal(again.status, 400);
    assert.match(((await again.json()) as { errorMessage: string }).errorMessage, /already answered/);
    const first = await answer;
    assert.equal(first.kind === 'response' && first.body.toString(), '"first"', 'the first answer stands');
    const nextAgain = fetch(`${api}/invocation/next`);
    const second = server.invoke(invocation('later'));
    assert.equal((await nextAgain).headers.get('lambda-runtime-aws-request-id'), 'later', 'still serving');
    await fetch(`${api}/invocation/later/response`, { method: 'POST', body: '1' });
    assert.equal((await second).kind, 'response');
  } finally {
    await server.close(closed);
  }
});

test('the error body shape and Lambda-Runtime-Function-Error-Type; a body over 6 MB is refused 413', async () => {
  const { server, api } = await started(2);
  try {
    const polls = [fetch(`${api}/invocation/next`), fetch(`${api}/invocation/next`)];
    const failing = server.invoke(invocation('fails'));
    const huge = server.invoke(invocation('huge'));
    await Promise.all(polls);
    const body = JSON.stringify({ errorMessage: 'boom', errorType: 'java.lang.IllegalStateException', stackTrace: ['at A.b(A.java:1)'] });
    const posted = await fetch(`${api}/invocation/fails/error`, { method: 'POST', body, headers: { 'lambda-runtime-function-error-type': 'Unhandled' } });
    assert.equal(posted.status, 202);
    assert.deepEqual(await failing, { kind: 'error', errorType: 'java.lang.IllegalStateException', errorMessage: 'boom', stackTrace: ['at A.b(A.java:1)'] });
    const tooLarge = await fetch(`${api}/invocation/huge/response`, { method: 'POST', body: 'x'.repeat(6 * 1024 * 1024 + 200) });
    assert.equal(tooLarge.status, 413);
    const answer = await huge;
    assert.equal(answer.kind === 'error' && answer.errorType, 'RequestEntityTooLarge');
  } finally {
    await server.close(closed);
  }
});

test('init/error before the first /next is the init error; after it, 403', async () => {
  const { server, api, ready, initErrors } = await started(1);
  try {
    const early = await fetch(`${api}/init/error`, { method: 'POST', body: JSON.stringify({ errorMessage: 'Class not found: x.Y', errorType: 'Runtime.ClassNotFound' }) });
    assert.equal(early.status, 202);
    assert.deepEqual(initErrors, [{ errorType: 'Runtime.ClassNotFound', errorMessage: 'Class not found: x.Y' }]);
    void fetch(`${api}/invocation/next`).catch(() => undefined);
    await until(ready);
    const late = await fetch(`${api}/init/error`, { method: 'POST', body: '{}' });
    assert.equal(late.status, 403);
  } finally {
    await server.close(closed);
  }
});
