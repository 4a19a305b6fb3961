// mixed: CPU work (chained SHA-256 rounds, as in cpu-bound) followed by concurrent downstream
// waits (timers, as in io-bound). The CPU part holds the event loop; the waits release it, so
// on LMI other invocations in this environment run while this one waits.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const defaultRounds = 750;
const defaultDelaysMs = [40, 60];
const maxRounds = 10_000_000;
const maxDelayMs = 60_000;
const bufferBytes = 16 * 1024;
// Read-only after module init, so sharing it between concurrent invocations is safe.
const block = Buffer.alloc(bufferBytes, 0);
for (let i = 0; i < bufferBytes; i++) block[i] = i % 251;

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

function readRequest(body) {
  const rounds = body.rounds ?? defaultRounds;
  if (!Number.isInteger(rounds) || rounds < 0 || rounds > maxRounds) throw new Error(`rounds must be a whole number from 0 to ${maxRounds}`);
  const delays = body.delaysMs ?? defaultDelaysMs;
  if (!Array.isArray(delays) || !delays.every((d) => Number.isFinite(d) && d >= 0 && d <= maxDelayMs)) {
    throw new Error(`delaysMs must be an array of numbers from 0 to ${maxDelayMs}`);
  }
  return { rounds, delays };
}

function hashChain(rounds) {
  let digest = Buffer.alloc(32, 0);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).update(block).digest();
  return digest.toString('hex');
}

export async function handler(event, context) {
  let request;
  try {
    request = readRequest(parseBody(event));
  } catch (error) {
    return reply(400, { error: error.message });
  }
  const startedAt = performance.now();
  const digest = hashChain(request.rounds);
  const cpuMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
  await Promise.all(request.delays.map((delayMs) => sleep(delayMs)));
  const elapsedMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
  return reply(200, {
    workload: 'mixed',
    requestId: context?.awsRequestId ?? null,
    rounds: request.rounds,
    delaysMs: request.delays,
    digest,
    cpuMs,
    elapsedMs,
  });
}
