// test-lane: serial: compares measured latency against the shared baseline.
// A candidate whose handler is faster (downstream delays 40% shorter) reports `improved`
// latency rows and passes the check (exit 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, cli, sharedBaseline, tempDir } from './support.ts';

test('a faster handler is improved, not regressed, and exits 0', { timeout: 300_000 }, async () => {
  const out = tempDir();
  const baseline = await sharedBaseline(out, 'base');
  const candidate = await bench(out, 'fast', ['--event', JSON.stringify({ delaysMs: [90, 120, 60] })]);
  const json = join(out, 'check.json');
  const result = await cli(['check', '--baseline', baseline, '--candidate', candidate, '--json', json]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /✅ improved \| lmi-c64-g2 \| 16 \| p50 \|/);
  const rows = (JSON.parse(readFileSync(json, 'utf8')) as { rows: Array<{ metric: string; status: string }> }).rows;
  for (const metric of ['p50', 'throughput']) {
    assert.ok(rows.some((row) => row.metric === metric && row.status === 'improved'), `${metric} improved`);
  }
  assert.ok(!rows.some((row) => row.status === 'regressed'));
});
