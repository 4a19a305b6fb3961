// test-lane: serial: reuses the shared baseline, measured alone.
// A candidate whose LMI maxConcurrency drops from 64 to 1 per environment throttles at
// concurrency 16: the throttle-rate row regresses, and the row says what setting changed.
// Both runs cap the capacity provider at 12 vCPUs (12 one-vCPU environments; support.ts's
// shortRun), so scale-out cannot absorb the drop: 12 slots for 16 connections keeps throttling in
// every trial. The baseline is the suite's shared one, measured once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, cli, sharedBaseline, tempDir } from './support.ts';

test('a maxConcurrency drop that causes throttles fails the check on throttle-rate', { timeout: 300_000 }, async () => {
  const out = tempDir();
  const baseline = await sharedBaseline(out, 'base');
  const candidate = await bench(out, 'c1', ['--lmi-max-concurrency', '1']);
  const json = join(out, 'check.json');
  const result = await cli(['check', '--baseline', baseline, '--candidate', candidate, '--json', json]);
  assert.equal(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /lmi-c1-g2 @ 16 throttle-rate/);
  const rows = (JSON.parse(readFileSync(json, 'utf8')) as { rows: Array<{ metric: string; status: string; concurrency: number; settingsChange?: string }> }).rows;
  const throttles = rows.find((row) => row.metric === 'throttle-rate' && row.concurrency === 16);
  assert.equal(throttles?.status, 'regressed');
  assert.equal(throttles?.settingsChange, 'maxConcurrency 64 → 1');
});
