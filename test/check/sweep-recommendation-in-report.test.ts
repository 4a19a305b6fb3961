// test-lane: concurrent: asserts the recommendation: 1 slot per environment throttles 16 connections whatever the speed.
// A run sweeping LMI settings stores a recommendation in run.json and shows it in report.html
// and summary.md: maxConcurrency 1 throttles at concurrency 16, so 16 per environment wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from './support.ts';

test('a settings sweep recommends the cheapest combination without throttles, in run.json, report and summary', { timeout: 300_000 }, async () => {
  const out = tempDir();
  const args = ['--workload', 'io-bound', '--modes', 'lmi', '--concurrency', '16', '--duration', '1.5', '--warmup', '0.5', '--trials', '1', '--offline'];
  const result = await cli(['bench', ...args, '--lmi-max-concurrency', '1,16', '--out', out, '--run-id', 'sweep']);
  assert.equal(result.code, 0, result.stderr);
  const dir = join(out, 'sweep');
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { recommendation?: { variantId: string | null; sloP99Ms: number | null; rejected: string[]; reason: string } };
  assert.equal(run.recommendation?.variantId, 'lmi-c16-g2', JSON.stringify(run.recommendation));
  assert.equal(run.recommendation?.sloP99Ms, null);
  assert.match(run.recommendation?.reason ?? '', /no --slo-p99-ms objective/);
  assert.ok(run.recommendation?.rejected.some((why) => why.startsWith('lmi-c1-g2: ') && /throttled/.test(why)));
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(html, /<p id="recommendation">Use lmi-c16-g2/);
  assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /\*\*Recommendation:\*\* Use lmi-c16-g2/);
});
