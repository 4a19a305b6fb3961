/**
 * `advise --all-functions` ranks on the same basis as each function's verdict: where CPU time is
 * unknown the saving is a range from all-waiting to all-CPU, so the rank follows its all-waiting
 * end (ties by the all-CPU end), and the table shows the range, not the all-CPU figure alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, savingEnds } from '../../runner/advise/model.ts';
import { rankRows, type FunctionRow } from '../../runner/advise/all-functions.ts';
import { formatRanking } from '../../runner/advise/terminal.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { options, rpsForMonth, snapshotPrices, whatIf } from './support.ts';

test('two I/O-unknown functions whose order flips between the all-CPU and the range basis rank by the range', async () => {
  const prices = await snapshotPrices();
  const choose = options({ instanceType: undefined });
  const row = (name: string, meanDurationMs: number, memoryMb: number, requestsPerMonth: number): FunctionRow => ({
    state: 'advised',
    name,
    advice: advise(whatIf({ name, meanDurationMs, memoryMb, cpuMsPerRequest: null, architecture: 'x86_64' }), constantProfile(rpsForMonth(requestsPerMonth)), choose, prices),
  });
  const wide = row('wide', 100, 2048, 200e6);
  const small = row('small', 400, 512, 100e6);
  assert.ok(wide.state === 'advised' && small.state === 'advised');
  const [w, s] = [savingEnds(wide.advice), savingEnds(small.advice)];
  // The premise: all-CPU ranks `small` first, the all-waiting end ranks `wide` first.
  assert.ok(s.allCpuUsd > w.allCpuUsd, `all-CPU: small ${s.allCpuUsd} vs wide ${w.allCpuUsd}`);
  assert.ok(w.allWaitingUsd > s.allWaitingUsd, `all-waiting: wide ${w.allWaitingUsd} vs small ${s.allWaitingUsd}`);
  assert.equal(wide.advice.savingUsdPerMonth, w.allCpuUsd, "the headline $ figure is the all-CPU end's");

  assert.deepEqual(rankRows([small, wide]).map((r) => r.name), ['wide', 'small']);
  const table = formatRanking(rankRows([small, wide]));
  const money = (usd: number): string => `${usd < 0 ? '-' : ''}\\$${Math.abs(usd).toFixed(2)}`;
  assert.match(table, new RegExp(`^1\\s+wide\\s.*${money(w.allWaitingUsd)} to ${money(w.allCpuUsd)}`, 'm'));
  assert.match(table, new RegExp(`^2\\s+small\\s.*${money(s.allWaitingUsd)} to ${money(s.allCpuUsd)}`, 'm'));
  assert.match(table, /the rank follows the saving at the all-waiting end, ties by the all-CPU end/);
  // Both functions were priced over x86_64's whole set: named once, with the flags that change it.
  assert.equal(table.split('\n').filter((line) => line.startsWith('priced on: x86_64, instance types considered: ') && line.includes('change with --arch arm64')).length, 1);
});

test('with CPU time known both ends are the one saving, and the rank is by it', async () => {
  const prices = await snapshotPrices();
  const row = (name: string, requestsPerMonth: number): FunctionRow => ({ state: 'advised', name, advice: advise(whatIf({ name, cpuMsPerRequest: 10 }), constantProfile(rpsForMonth(requestsPerMonth)), options(), prices) });
  const [more, less] = [row('more', 400e6), row('less', 50e6)];
  assert.ok(more.state === 'advised' && less.state === 'advised');
  assert.deepEqual(savingEnds(more.advice), { allWaitingUsd: more.advice.savingUsdPerMonth, allCpuUsd: more.advice.savingUsdPerMonth });
  assert.ok(more.advice.savingUsdPerMonth > less.advice.savingUsdPerMonth);
  assert.deepEqual(rankRows([less, more]).map((r) => r.name), ['more', 'less']);
  assert.doesNotMatch(formatRanking([more, less]), /\$[\d,.]+ to -?\$/);
});
