import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { pricedCandidates } from '../../runner/cost/candidates.ts';
import { sizeLmiCapacity } from '../../runner/capacity/lmi-sizing.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { sampleRun } from './helpers/run.ts';

const options = { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64' as const, instanceType: 'm7g.xlarge', minEnvironments: 3 };

test('attachCosts prices each measured level at its measured throughput and leaves the input run untouched', () => {
  const run = sampleRun();
  const before = JSON.stringify(run);
  const priced = attachCosts(run, factsPriceBook(), options);
  assert.equal(JSON.stringify(run), before, 'the input run must not change');
  assert.notEqual(priced, run);

  // Lambda at 560 rps, 55 ms (the engine's duration, not the 57 ms client latency), 1 GB:
  // per request 0.055 GB-s × $0.0000166667 + $0.0000002 → $1.1166685 per million.
  const lambda = priced.levels[1];
  assert.ok(lambda?.state === 'measured' && lambda.cost);
  assert.ok(Math.abs(lambda.cost.usdPerMillionRequests - 1.1166685) < 1e-9, `${lambda.cost.usdPerMillionRequests}`);
  assert.ok(Math.abs(lambda.cost.usdPerHour - 1.1166685 * 560 * 3600 / 1e6) < 1e-9);

  // LMI at 580 rps: the sizing model's instances for an hour, plus requests.
  const lmi = priced.levels[4];
  assert.ok(lmi?.state === 'measured' && lmi.cost);
  const capacity = sizeLmiCapacity({ requestsPerSecond: 580, cpuSecondsPerRequest: 0.0008, meanDurationMs: 53, maxConcurrency: 64, memoryMb: 2048, gibPerVcpu: 2, candidates: pricedCandidates(factsPriceBook(), ['m7g.xlarge'], 0), minEnvironments: 3 });
  assert.equal(lmi.cost.instances, capacity.instances);
  assert.equal(lmi.cost.instanceType, 'm7g.xlarge');
  assert.equal(lmi.cost.environments, capacity.environments);
  const expectedHourly = capacity.instances * (0.1632 + 0.02448) + 580 * 3600 * 0.2e-6;
  assert.ok(Math.abs(lmi.cost.usdPerHour - expectedHourly) < 1e-9);
  assert.ok(Math.abs(lmi.cost.usdPerMillionRequests - (expectedHourly / (580 * 3600)) * 1e6) < 1e-9);

  const failed = priced.levels[5];
  assert.ok(failed?.state === 'failed' && !('cost' in failed));
  assert.deepEqual(priced.prices, factsPriceBook().provenance);
});
