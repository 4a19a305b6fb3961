// test-lane: concurrent: asserts modelled prices of a given run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './helpers/cli.ts';
import { sampleRun } from './helpers/run.ts';
import { testTempDir } from '../temp-dir.ts';

test('`lmi-bench cost crossover --run … --traffic csv:…` prints the crossover rates and both monthly costs, leaving run.json as it was', async () => {
  const dir = testTempDir('lmi-bench-cost-crossover-');
  const runPath = join(dir, 'run.json');
  const runText = JSON.stringify(sampleRun(), null, 2);
  await writeFile(runPath, runText);
  await writeFile(join(dir, 'traffic.csv'), 'minute,requests\n' + Array.from({ length: 60 }, (_, i) => `${i * 60_000},${i < 30 ? 3000 : 30000}`).join('\n') + '\n');

  const result = await runCli(['cost', 'crossover', '--run', runPath, '--traffic', 'csv:traffic.csv', '--offline'], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout) as {
    crossover: { requestsPerSecond: number[]; basis: { note: string }; profile: { name: string; lambdaUsdPerMonth: number; lmiUsdPerMonth: number; requestsPerMonth: number }; assumptions: string[] };
    levels: Array<{ mode: string; usdPerMillionRequests: number; usdPerMonth: number; instances?: number }>;
    prices: { source: string; region: string };
  };
  assert.ok(out.crossover.requestsPerSecond.length >= 1);
  assert.ok(out.crossover.requestsPerSecond.every((r) => r > 0));
  assert.equal(out.crossover.profile.name, 'csv:traffic.csv');
  // 30 minutes at 50 rps and 30 at 500 rps, repeated over a 730-hour month.
  assert.ok(Math.abs(out.crossover.profile.requestsPerMonth - (30 * 3000 + 30 * 30000) * 730) < 1);
  assert.ok(out.crossover.profile.lambdaUsdPerMonth > 0 && out.crossover.profile.lmiUsdPerMonth > 0);
  assert.equal(out.levels.length, 5);
  assert.ok(out.levels.filter((l) => l.mode === 'lmi').every((l) => (l.instances ?? 0) >= 3));
  assert.equal(out.prices.source, 'snapshot');
  assert.equal(await readFile(runPath, 'utf8'), runText);
});
