// test-lane: pure: arithmetic on two readings; memory.ts reads /proc only in functions this file does not call.
/** The engine's share of an environment's memory (bench-engine's memory rows): growth, never a shrink. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perEnvironmentBytes } from '../../runner/bench-engine/memory.ts';

test("the engine's growth is split between the environments added", () => {
  assert.equal(perEnvironmentBytes(100 * 1024 * 1024, 132 * 1024 * 1024, 32), 1024 * 1024);
});

test("an engine whose RSS shrank between the readings (a GC) adds 0 per environment, not a negative share", () => {
  assert.equal(perEnvironmentBytes(100 * 1024 * 1024, 75 * 1024 * 1024, 32), 0);
});

test('no environment added: no figure (NaN), not a division by zero', () => {
  assert.ok(Number.isNaN(perEnvironmentBytes(1, 2, 0)));
});
