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
