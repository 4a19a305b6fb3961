// test-lane: concurrent: asserts modelled prices.
// A what-if fleet of five functions in which exactly two save money on LMI, and only by sharing
// one capacity provider's 3-instance floor: advise groups exactly those two, prices the provider
// by hand, says why each of the other three stays, and puts the fleet beside standard Lambda.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseFleet, type FleetFunction } from '../../runner/advise/fleet.ts';
import { advise } from '../../runner/advise/model.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { instancePrice } from '../../runner/pricing/lookup.ts';
import { formatUsd } from '../../reports/format.ts';
import { parseFleetCsv } from '../../runner/cli/fleet-csv.ts';
import { rpsForMonth, snapshotPrices } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;
const hoursPerMonth = 730;

// Each arm64 function needs 3 environments of 1 vCPU (2 GiB): 1.5 instances of a 2-vCPU type, so
// alone it pays the whole 3-instance floor, and two of them fill exactly one floor together.
const csv = `# five functions
name,requests_per_month,duration_ms,memory_mb,arch,cpu_ms,runtime
orders,60000000,200,1024,arm64,10,nodejs22.x
payments,60000000,200,1024,arm64,10,nodejs22.x
legacy,60000000,200,1024,arm64,10,nodejs18.x
reports,60000000,200,1024,x86_64,10,python3.13
cron,0,200,1024,arm64,10,nodejs22.x
`;
// No per-instance reservation here (--instance-reserve-vcpu 0 --instance-reserve-gib 0), so a 2-vCPU type holds 2 environments.
const options = { region: 'us-east-1', lmiDiscount: 0, lambdaDiscount: 0, freeTier: false, reservation: { vcpus: 0, memoryGiB: 0 } };

test('exactly the two functions cheaper on LMI only together share a provider, priced by hand', async () => {
  const prices = await snapshotPrices();
  const functions: FleetFunction[] = parseFleetCsv(csv, 'fleet.csv');
  const fleet = adviseFleet(functions, options, prices);

  assert.equal(fleet.providers.length, 1);
  const [provider] = fleet.providers;
  assert.ok(provider);
  assert.deepEqual(provider.members.map((m) => m.name), ['orders', 'payments']);
  for (const member of provider.members) {
    assert.ok(member.aloneLmiUsdPerMonth > member.lambdaUsdPerMonth, `${member.name} alone on LMI must cost more than on Lambda`);
    assert.equal(member.onlyWhenShared, true);
    assert.ok(member.shareUsdPerMonth < member.lambdaUsdPerMonth, `${member.name}'s share must be below its Lambda cost`);
  }

  // By hand: 3 instances of the chosen type all month at its LMI rate, plus LMI's request charge.
  const price = instancePrice(prices, provider.instanceType);
  assert.equal(provider.architecture, 'arm64');
  assert.equal(provider.instances, 3);
  const expected = 3 * (price.onDemandUsdPerHour + price.managementFeeUsdPerHour) * hoursPerMonth + (120e6 / 1e6) * prices.lmiRequestUsdPerMillion;
  assert.ok(Math.abs(provider.usdPerMonth - expected) < 1e-6, `${provider.usdPerMonth} vs ${expected}`);
  assert.ok(Math.abs(provider.members.reduce((t, m) => t + m.shareUsdPerMonth, 0) - provider.usdPerMonth) < 1e-6, 'the shares add up to the provider');

  // A function alone is priced as the one-function advise prices it.
  const single = advise(
    { name: 'orders', memoryMb: 1024, architecture: 'arm64', runtime: 'nodejs22.x', timeoutSec: null, meanDurationMs: 200, p99DurationMs: null, cpuMsPerRequest: 10, lmi: null },
    constantProfile(rpsForMonth(60e6)), { ...options, functionsPerProvider: 1 }, prices,
  );
  assert.ok(Math.abs(single.lmi.usdPerMonth - provider.members[0]!.aloneLmiUsdPerMonth) < 0.01, `${single.lmi.usdPerMonth} vs ${provider.members[0]!.aloneLmiUsdPerMonth}`);
  assert.ok(Math.abs(single.lambda.usdPerMonth - provider.members[0]!.lambdaUsdPerMonth) < 1e-6);

  assert.deepEqual(fleet.staying.map((s) => [s.name, s.reason.kind]), [['legacy', 'runtime'], ['reports', 'costs-more'], ['cron', 'no-traffic']]);
  const lambdaSum = fleet.providers.flatMap((p) => p.members).reduce((t, m) => t + m.lambdaUsdPerMonth, 0) + fleet.staying.reduce((t, s) => t + s.lambdaUsdPerMonth, 0);
  assert.ok(Math.abs(fleet.lambdaUsdPerMonth - lambdaSum) < 1e-6);
  assert.ok(Math.abs(fleet.fleetUsdPerMonth - (provider.usdPerMonth + fleet.staying.reduce((t, s) => t + s.lambdaUsdPerMonth, 0))) < 1e-6);
  assert.ok(fleet.savingUsdPerMonth > 0);
});

test('advise --what-if FILE.csv prints the provider, its members and the fleet beside standard Lambda', async () => {
  const prices = await snapshotPrices();
  const fleet = adviseFleet(parseFleetCsv(csv, 'fleet.csv'), options, prices);
  const dir = testTempDir('lmi-bench-fleet-');
  const file = join(dir, 'fleet.csv');
  writeFileSync(file, csv);
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('npm_')) delete env[key];
  const result = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'advise', '--what-if', file, '--instance-reserve-vcpu', '0', '--instance-reserve-gib', '0', '--offline', '--json', join(dir, 'fleet.json')], { cwd: root, env, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout.split('\n');
  assert.match(lines[0] ?? '', new RegExp(`cost \\${formatUsd(fleet.lambdaUsdPerMonth)} a month on standard Lambda; the proposed fleet costs \\${formatUsd(fleet.fleetUsdPerMonth)} a month`));
  assert.ok(lines.some((l) => /^Capacity provider 1: arm64, 2 GiB per vCPU, 3 × /.test(l)), result.stdout);
  assert.ok(lines.some((l) => /^\s+orders\s.*cheaper on LMI only when sharing the floor/.test(l)));
  assert.ok(lines.some((l) => /^\s+payments\s.*cheaper on LMI only when sharing the floor/.test(l)));
  assert.ok(lines.some((l) => /^\s+legacy\s.*nodejs18\.x is below LMI's minimum/.test(l)));
  assert.ok(lines.some((l) => /^\s+reports\s.*Alone on LMI it would cost/.test(l)));
  assert.ok(lines.some((l) => /^\s+cron\s.*No traffic/.test(l)));
  const json = JSON.parse(readFileSync(join(dir, 'fleet.json'), 'utf8')) as { providers: Array<{ members: Array<{ name: string }> }> };
  assert.deepEqual(json.providers.map((p) => p.members.map((m) => m.name)), [['orders', 'payments']]);
});

test('a bad what-if file is one line naming the file, the line and the column, exit 2', () => {
  const dir = testTempDir('lmi-bench-fleet-bad-');
  const cases: Array<[string, RegExp]> = [
    ['name,requests_per_month,duration_ms,memory_mb\na,100,abc,1024\n', /fleet\.csv line 2, duration_ms/],
    ['name,requests_per_month,duration_ms\na,100,20\n', /needs a 'memory_mb' column/],
    ['name,rps,requests_per_month,duration_ms,memory_mb\n', /exactly one of 'requests_per_month' and 'rps'/],
    ['name,rps,duration_ms,memory_mb,colour\na,1,20,1024,red\n', /unknown column 'colour'/],
    ['name,rps,duration_ms,memory_mb\na,1,20,1024\na,2,20,1024\n', /line 3: function 'a' appears twice/],
  ];
  for (const [text, message] of cases) {
    const file = join(dir, 'fleet.csv');
    writeFileSync(file, text);
    const result = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'advise', '--what-if', file, '--offline'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, message);
  }
  const both = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'advise', '--what-if', join(dir, 'fleet.csv'), '--rps', '3'], { cwd: root, encoding: 'utf8' });
  assert.equal(both.status, 2);
  assert.match(both.stderr, /describes each function in its rows; drop --rps/);
});
