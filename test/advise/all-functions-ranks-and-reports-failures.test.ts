// test-lane: concurrent, waits: sleeps until the minute ends (4-5 CPU-s in 30-60 s); asserts ranks, row states and counts, not times.
/**
 * `advise --all-functions --endpoint URL` against an engine with three deployed
 * functions lists them through ListFunctions and ranks all three (a function without traffic
 * as such, not as an error); when one function's call fails (IAM denies its configuration
 * here), the failure is on its row and the other two still complete.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { FunctionRow } from '../../runner/advise/all-functions.ts';
import type { FleetAdvice } from '../../runner/advise/fleet.ts';
import { runCli } from '../cost/helpers/cli.ts';
import { denyingProxy, ioBoundDir, sendTraffic, untilNextMinute } from './engine-support.ts';
import { testTempDir } from '../temp-dir.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

const deploy = (name: string, memoryMb: number) =>
  engine.client.deploy({ name, workloadDir: ioBoundDir, runtime: 'node', timeoutMs: 10_000, compute: { type: 'lambda', memoryMb, concurrencyLimit: 100, idleTimeoutMs: 600_000 } });

test('three functions ranked by monthly saving; a quiet one listed as no traffic; a denied one failed on its row', { timeout: 150_000 }, async () => {
  const busy = await deploy('adv-busy', 2048);
  const light = await deploy('adv-light', 512);
  await deploy('adv-quiet', 1024);
  await Promise.all([sendTraffic(busy.url, 60, 30), sendTraffic(light.url, 12, 5)]);
  await untilNextMinute();
  const dir = testTempDir('lmi-bench-advise-all-');
  const common = ['advise', '--all-functions', '--days', '1', '--offline', '--cpu-ms', '2', '--allow-short-history'];

  // The same functions read twice, directly and through a proxy that denies one: side by side, their start-ups overlap.
  const proxy = await denyingProxy(engine.controlUrl, 'adv-light');
  const [all, partial] = await Promise.all([
    runCli([...common, '--endpoint', engine.controlUrl, '--json', join(dir, 'all.json')]),
    runCli([...common, '--endpoint', proxy.url, '--json', join(dir, 'partial.json')]),
  ]).finally(() => proxy.close());
  assert.equal(all.code, 0, all.stderr);
  const rows = (JSON.parse(await readFile(join(dir, 'all.json'), 'utf8')) as { functions: FunctionRow[] }).functions;
  assert.deepEqual(rows.map((r) => r.state), ['advised', 'advised', 'no-traffic']);
  assert.deepEqual(new Set(rows.map((r) => r.name)), new Set(['adv-busy', 'adv-light', 'adv-quiet']));
  const [first, second] = rows;
  assert.ok(first?.state === 'advised' && second?.state === 'advised');
  assert.ok(first.advice.savingUsdPerMonth >= second.advice.savingUsdPerMonth, 'ranked by monthly saving');
  assert.equal(rows[2]?.name, 'adv-quiet');
  assert.match(all.stdout, /^-\s+adv-quiet\s.*no traffic$/m);
  assert.match(all.stdout, /^1\s+adv-/m);
  // The progress line counted every function.
  assert.match(all.stderr, /advised 3\/3 functions/);
  // The fleet proposal follows the ranking: the quiet function stays, for its lack of traffic.
  const fleet = (JSON.parse(await readFile(join(dir, 'all.json'), 'utf8')) as { fleet: FleetAdvice }).fleet;
  assert.deepEqual(fleet.staying.find((s) => s.name === 'adv-quiet')?.reason, { kind: 'no-traffic' });
  assert.equal(fleet.providers.flatMap((p) => p.members).length + fleet.staying.length, 3);
  assert.match(all.stdout, /^fleet: 3 functions cost \$[\d,.]+ a month on standard Lambda/m);
  assert.match(all.stdout, /^\s+adv-quiet\s.*No traffic: standard Lambda costs nothing while idle/m);

  assert.equal(partial.code, 0, partial.stderr);
  const rowsWithFailure = (JSON.parse(await readFile(join(dir, 'partial.json'), 'utf8')) as { functions: FunctionRow[] }).functions;
  const failed = rowsWithFailure.find((r) => r.name === 'adv-light');
  assert.equal(failed?.state, 'failed');
  assert.match(failed?.state === 'failed' ? failed.reason : '', /AccessDeniedException: .*not authorized to perform: lambda:GetFunctionConfiguration/);
  assert.deepEqual(rowsWithFailure.filter((r) => r.state !== 'failed').map((r) => r.name).sort(), ['adv-busy', 'adv-quiet']);
  assert.match(partial.stdout, /^-\s+adv-light\s+failed: AccessDeniedException/m);
});
