import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../runner/advise/model.ts';
import { verdictText } from '../../runner/advise/words.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { reportedInstanceChoices } from '../../runner/cost/crossover-range.ts';
import { options, rpsForMonth, snapshotPrices, whatIf } from './support.ts';

test('with the type left to AWS, advise gives the break-even as a range from the cheapest fleet to the types Lambda is reported to pick', async () => {
  const prices = await snapshotPrices();
  const fn = whatIf({ architecture: 'x86_64', memoryMb: 512, meanDurationMs: 100, cpuMsPerRequest: 5 });
  const { instanceType: _pinned, ...unpinned } = options();
  const advice = advise(fn, constantProfile(rpsForMonth(100_000_000)), unpinned, prices);
  const range = advice.breakEvenRange;
  assert.ok(range, 'a range when no type is pinned');
  assert.equal(range.lowRequestsPerSecond, advice.breakEvenRequestsPerSecond);
  assert.ok(range.highRequestsPerSecond === null || range.highRequestsPerSecond > range.lowRequestsPerSecond);
  assert.ok(reportedInstanceChoices.x86_64.includes(range.highInstanceType));
  assert.match(verdictText(advice), /depending on the instance type Lambda picks/);
  // Narrowed to one type of the reported ones: one figure, no range.
  const pinned = advise(fn, constantProfile(rpsForMonth(100_000_000)), options({ instanceType: 'm7i.xlarge' }), prices);
  assert.equal(pinned.breakEvenRange, null);
  assert.doesNotMatch(verdictText(pinned), /depending on the instance type/);
});
