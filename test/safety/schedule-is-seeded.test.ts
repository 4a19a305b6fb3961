import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRng } from '../../runner/analysis/rng.ts';
import { planRounds, roundLevels } from '../../runner/safety/schedule.ts';

test('levels climb from 2 to the maximum, the last round at it', () => {
  assert.deepEqual(roundLevels(6, 64), [2, 4, 8, 16, 32, 64]);
  assert.deepEqual(roundLevels(1, 16), [16]);
  assert.deepEqual(roundLevels(3, 1), [1, 1, 1]);
});

test('the same seed gives the same rounds: events, start order and delays; each round uses every event before repeating one', () => {
  const a = planRounds(4, 16, 8, seededRng(42));
  assert.deepEqual(a, planRounds(4, 16, 8, seededRng(42)));
  assert.notDeepEqual(a, planRounds(4, 16, 8, seededRng(43)));
  const last = a.at(-1);
  assert.equal(last?.events.length, 16);
  assert.deepEqual([...new Set(last?.events)].sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7]);
  for (const round of a) {
    assert.equal(round.startDelaysMs.length, round.concurrency);
    assert.ok(round.startDelaysMs.every((d) => d >= 0 && d <= round.spreadMs));
  }
  assert.ok(new Set(a.map((r) => r.spreadMs)).size > 1, 'different start spreads across rounds');
});
