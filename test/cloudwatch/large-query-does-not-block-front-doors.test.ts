// One large GetMetricData request used to compute on the engine's event loop in one go: 50
// queries of 1-second periods over 11 days held every front door for 8.7 s. It is computed in
// slices that yield to the event loop, so a real front door sharing that loop (a standard
// Lambda function with its worker thread, in this process) keeps its latency while it runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFrontDoor } from '../../runner/engine/front-door.ts';
import { MetricsStore } from '../../runner/engine/metrics-store.ts';
import { validateFunctionSpec } from '../../runner/engine/spec.ts';
import { StandardFunction } from '../../runner/engine/standard-function.ts';
import { standardSpec, send } from '../engine/support.ts';
import { invocation, serveStore } from './serve.ts';

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)] as number;
}

/** Sequential requests to the front door until `until` resolves (or for `ms`); their latencies. */
async function sample(url: string, until: Promise<unknown> | number): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  if (typeof until === 'number') setTimeout(() => (done = true), until);
  else void until.finally(() => (done = true));
  while (!done) {
    const started = performance.now();
    const reply = await send(url, { delayMs: 1 });
    latencies.push(performance.now() - started);
    assert.equal(reply.status, 200);
  }
  return latencies;
}

test("a front door's p99 stays where it was while a large GetMetricData request is computed on the same event loop", { timeout: 120_000 }, async () => {
  const store = new MetricsStore();
  const nowMs = Date.now();
  // Three hours of a function: 30,000 invocations (the query's cost is in its 216,000 periods).
  const spanMs = 3 * 3_600_000;
  for (let i = 0; i < 30_000; i++) store.recordInvocation(invocation('busy', nowMs - spanMs + (i * spanMs) / 30_000, 40));
  const runtime = new StandardFunction(validateFunctionSpec(standardSpec('door')), store);
  await runtime.start();
  const door = await startFrontDoor(runtime, store);
  const served = await serveStore(store, () => nowMs);
  try {
    await sample(door.url, 300); // warm the environment and the connection path
    const baseline = await sample(door.url, 1500);
    const queries = Array.from({ length: 20 }, (_, i) => ({
      Id: `q${i}`,
      MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'ConcurrentExecutions', Dimensions: [{ Name: 'FunctionName', Value: 'busy' }] }, Period: 1, Stat: 'Maximum' },
    }));
    // The raw AWS JSON 1.0 request, read as text: the SDK's parsing of 100,800 datapoints would
    // run on this process's event loop too and is not what is measured here.
    const started = performance.now();
    const query = fetch(served.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData' },
      body: JSON.stringify({ StartTime: (nowMs - spanMs) / 1000, EndTime: nowMs / 1000, MetricDataQueries: queries }),
    }).then(async (res) => ({ status: res.status, text: await res.text() }));
    const during = await sample(door.url, query);
    const answer = await query;
    const queryMs = performance.now() - started;
    assert.equal(answer.status, 200, answer.text.slice(0, 200));
    assert.ok(answer.text.includes('"NextToken"'), 'the 216,000 datapoints come in pages of at most 100,800');

    const before = p99(baseline);
    const whileQuerying = p99(during);
    process.stderr.write(`query ${queryMs.toFixed(0)} ms; front door p99 ${before.toFixed(1)} ms before, ${whileQuerying.toFixed(1)} ms during (${during.length} requests)\n`);
    assert.ok(queryMs > 500, `the query is large enough to matter (${queryMs.toFixed(0)} ms)`);
    assert.ok(during.length >= 10, `the front door kept answering during the query (${during.length} requests)`);
    // Generous room for a shared 2-core machine (the query's slices, its GC and the page's JSON
    // still take the loop for tens of ms at a time); blocking put p99 at the query's own time.
    assert.ok(whileQuerying < Math.max(before * 10, before + 300), `p99 ${whileQuerying.toFixed(1)} ms during vs ${before.toFixed(1)} ms before`);
    assert.ok(whileQuerying < queryMs / 4, `p99 ${whileQuerying.toFixed(1)} ms is far below the query's ${queryMs.toFixed(0)} ms`);
  } finally {
    await served.close();
    await door.close();
    await runtime.stop();
  }
});
