// cpu-bound: deterministic CPU work, `rounds` chained SHA-256 hashes over a 16 KiB buffer.
// Each round hashes the previous digest followed by the buffer, so no round can be skipped and
// the returned digest proves the work was done. The same chain in python/app.py gives the same
// digest. Hashing is synchronous: on LMI, concurrent invocations in this environment queue for
// the one event loop, which is exactly the CPU contention the benchmark measures.
import { createHash } from 'node:crypto';

const defaultRounds = 1500;
const maxRounds = 10_000_000;
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

function readRounds(body) {
  const rounds = body.rounds ?? defaultRounds;
  if (!Number.isInteger(rounds) || rounds < 0 || rounds > maxRounds) throw new Error(`rounds must be a whole number from 0 to ${maxRounds}`);
  return rounds;
}

function hashChain(rounds) {
  let digest = Buffer.alloc(32, 0);
  for (let i = 0; i < rounds; i++) digest = createHash('sha256').update(digest).update(block).digest();
  return digest.toString('hex');
}

export async function handler(event, context) {
  let rounds;
  try {
    rounds = readRounds(parseBody(event));
  } catch (error) {
    return reply(400, { error: error.message });
  }
  const startedAt = performance.now();
  const digest = hashChain(rounds);
  const elapsedMs = Math.round((performance.now() - startedAt) * 1000) / 1000;
  return reply(200, { workload: 'cpu-bound', requestId: context?.awsRequestId ?? null, rounds, bufferBytes, digest, elapsedMs });
}
