// test-lane: serial: compares measured latency against the shared baseline.
// A/B: the same io-bound workload with every downstream delay 25% longer fails the check
// (exit 1) and names the latency rows; the JUnit XML parses with one testcase per row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, cli, sharedBaseline, parseJunit, tempDir } from './support.ts';

test('a 25% slower handler regresses p50/p95/p99 with exit 1; JUnit and Markdown name the rows', { timeout: 300_000 }, async () => {
  const out = tempDir();
  const baseline = await sharedBaseline(out, 'base');
  const candidate = await bench(out, 'slow', ['--event', JSON.stringify({ delaysMs: [187.5, 250, 125] })]);
  const junit = join(out, 'check.xml');
  const json = join(out, 'check.json');
  const summary = join(out, 'step-summary.md');
  const result = await cli(['check', '--baseline', baseline, '--candidate', join(candidate, 'run.json'), '--junit', junit, '--json', json], { GITHUB_STEP_SUMMARY: summary });
  assert.equal(result.code, 1, result.stderr + result.stdout);
  for (const level of [4, 16]) assert.match(result.stderr, new RegExp(`lmi-c64-g2 @ ${level} p50`), result.stderr);
  assert.match(result.stdout, /\| Status \| Variant \| Concurrency \| Metric \|/);
  assert.match(result.stdout, /❌ regressed \| lmi-c64-g2 \| 16 \| p50 \|/);
  assert.equal(readFileSync(summary, 'utf8').trim(), result.stdout.trim(), 'the same table goes to $GITHUB_STEP_SUMMARY');

  const parsed = JSON.parse(readFileSync(json, 'utf8')) as { rows: Array<{ metric: string; status: string; concurrency: number }> };
  const xml = parseJunit(junit);
  assert.equal(xml.cases.length, parsed.rows.length, 'one testcase per compared row');
  assert.equal(xml.tests, parsed.rows.length);
  const regressed = parsed.rows.filter((row) => row.status === 'regressed');
  assert.equal(xml.failures, regressed.length);
  assert.equal(xml.failed.length, regressed.length);
  assert.ok(regressed.some((row) => row.metric === 'p50' && row.concurrency === 16));
  assert.ok(!parsed.rows.some((row) => row.status === 'improved' && row.metric.startsWith('p')), 'a slower handler never improves latency');
});
