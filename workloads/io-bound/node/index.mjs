// io-bound: three downstream calls made concurrently; the answer waits for all of them.
// Timers stand in for the downstream services, so almost all of a request is waiting.
// Nothing here is module-level mutable state: on LMI, concurrent invocations share this
// module in one event loop.
import { setTimeout as sleep } from 'node:timers/promises';

const defaultDelaysMs = [150, 200, 100];
const maxDelayMs = 60_000;

function reply(statusCode, payload) {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

function parseBody(event) {
  const raw = event?.body;
  if (raw === undefined || raw === null || raw === '') return {};
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const parsed = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the request body must be a JSON object');
  return parsed;
}

function readDelays(body) {
  const delays = body.delaysMs ?? defaultDelaysMs;
  if (!Array.isArray(delays) || delays.length === 0 || !delays.every((d) => Number.isFinite(d) && d >= 0 && d <= maxDelayMs)) {
    throw new Error(`delaysMs must be a non-empty array of numbers from 0 to ${maxDelayMs}`);
  }
  return delays;
}

async function callDownstream(index, delayMs, startedAt) {
  await sleep(delayMs);
  return { call: index, delayMs, doneAtMs: Math.round((performance.now() - startedAt) * 1000) / 1000 };
}

export async function handler(event, context) {
  let delays;
  try {
    delays = readDelays(parseBody(event));
  } catch (error) {
    return reply(400, { error: error.message });
  }
  const startedAt = performance.now();
  const downstream = await Promise.all(delays.map((delayMs, index) => callDownstream(index, delayMs, startedAt)));
  const elapsedMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
  return reply(200, { workload: 'io-bound', requestId: context?.awsRequestId ?? null, delaysMs: delays, downstream, elapsedMs });
}
