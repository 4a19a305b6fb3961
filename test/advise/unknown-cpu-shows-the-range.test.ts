/**
 * Without --cpu-ms the verdict is shown from all-waiting to all-CPU, and when the answer flips
 * inside that range the verdict says so, names the CPU time where it flips, and how to settle it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise, allCpuMs } from '../../runner/advise/model.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { settleText, verdictText } from '../../runner/advise/words.ts';
import { options, snapshotPrices, whatIf } from './support.ts';
import { formatRanking } from '../../runner/advise/terminal.ts';
import { formatRps } from '../../reports/format.ts';

test('unknown CPU time: five rows from 0 to the all-CPU bound, LMI cost never falling as CPU grows, and a flip named when there is one', async () => {
  const prices = await snapshotPrices();
  const fn = whatIf({ cpuMsPerRequest: null });
  // 1024 MB gets 1024/1769 of a vCPU on standard Lambda: 120 ms all-CPU is about 69.5 CPU-ms.
  assert.ok(Math.abs(allCpuMs(120, 1024) - 69.46) < 0.01);

  const busy = advise(fn, constantProfile(200), options(), prices);
  const rows = busy.sensitivity;
  assert.ok(rows);
  assert.deepEqual(rows.map((r) => r.cpuShare), [0, 0.25, 0.5, 0.75, 1]);
  assert.equal(rows[0]?.cpuMsPerRequest, 0);
  assert.ok(Math.abs((rows.at(-1)?.cpuMsPerRequest ?? 0) - allCpuMs(120, 1024)) < 1e-9);
  for (let i = 1; i < rows.length; i++) assert.ok((rows[i]?.lmiUsdPerMonth ?? 0) >= (rows[i - 1]?.lmiUsdPerMonth ?? 0));
  // The headline takes the all-CPU bound, and says so.
  assert.equal(busy.lmi.cpuMsAssumed, true);
  assert.equal(busy.lmi.usdPerMonth, rows.at(-1)?.lmiUsdPerMonth);

  const signs = new Set(rows.map((r) => Math.sign(r.savingUsdPerMonth)));
  assert.equal(signs.size, 2, 'at 200 req/s the answer flips inside the range');
  assert.equal(busy.decision, 'depends-on-cpu');
  const threshold = busy.cpuThresholdMs ?? 0;
  assert.ok(threshold > 0 && threshold < allCpuMs(120, 1024), `threshold ${threshold}`);
  // The headline names it, to the 0.1 ms it is printed with.
  const named = Number(/less than about ([\d.]+) ms/.exec(verdictText(busy))?.[1]);
  assert.ok(Math.abs(named - threshold) < 0.1, verdictText(busy));
  // Just under the threshold LMI saves; just over it, it does not.
  assert.ok(advise(whatIf({ cpuMsPerRequest: threshold * 0.9 }), constantProfile(200), options(), prices).savingUsdPerMonth > 0);
  assert.ok(advise(whatIf({ cpuMsPerRequest: threshold * 1.1 + 0.5 }), constantProfile(200), options(), prices).savingUsdPerMonth <= 0);
  assert.match(settleText(busy) ?? '', /--cpu-ms/);

  // At 5 req/s no CPU time makes LMI cheaper: the range agrees, and says it does not matter.
  const quiet = advise(fn, constantProfile(5), options(), prices);
  assert.equal(quiet.decision, 'lambda');
  assert.match(settleText(quiet) ?? '', /holds from all-waiting to all-CPU/);
});

test('unknown CPU: the headline gives the break-even as a range whose low end is the all-waiting figure, with the verdict at each end and how to narrow it', async () => {
  const prices = await snapshotPrices();
  // An I/O-bound function: 500 ms mostly waiting, at a rate where LMI pays only if little of it is CPU.
  const io = advise(whatIf({ cpuMsPerRequest: null, meanDurationMs: 500 }), constantProfile(60), options(), prices);
  const waiting = io.sensitivity?.[0];
  const busy = io.sensitivity?.at(-1);
  assert.ok(waiting && busy && waiting.breakEvenRequestsPerSecond !== null);
  const text = verdictText(io);
  const low = formatRps(waiting.breakEvenRequestsPerSecond);
  assert.match(text, new RegExp(`break-even is a range: ${low.replace('.', '\\.')} req/s if the handler mostly waits \\(0% CPU; at your traffic LMI (saves|costs)`));
  assert.match(text, /if it is all CPU \(LMI (saves|costs) \$[\d,.]+ a month/);
  assert.match(text, /--cpu-ms, a bench of the handler .*Lambda Insights/);
  // The ranking shows the same range and says what it means.
  const ranking = formatRanking([{ state: 'advised', name: 'io', advice: io }]);
  assert.match(ranking, new RegExp(`${low.replace('.', '\\.')}–(none|[\\d,.]+)`));
  assert.match(ranking, /the saving and the break-even run from all-waiting \(0% CPU\) to all-CPU/);
  // With CPU time known there is one figure and no range.
  const known = advise(whatIf({ cpuMsPerRequest: 5, meanDurationMs: 500 }), constantProfile(60), options(), prices);
  assert.doesNotMatch(verdictText(known), /range/);
});
