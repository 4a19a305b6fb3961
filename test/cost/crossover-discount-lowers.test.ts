import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossover } from '../../runner/cost/crossover.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { baselineScenario } from './helpers/scenario.ts';

test('a commitment discount lowers the crossover rate, but only through the EC2 part', () => {
  const prices = factsPriceBook();
  const onDemand = baselineScenario();
  const committed = baselineScenario();
  committed.lmi.discount = 0.72;
  const onDemandRate = crossover(onDemand, prices).requestsPerSecond[0];
  const committedRate = crossover(committed, prices).requestsPerSecond[0];
  assert.ok(onDemandRate !== undefined && committedRate !== undefined);
  assert.ok(committedRate < onDemandRate);
  // Floor with discount: 3 × ($0.1632 × 0.28 + $0.02448) = $0.210528/h; slope difference $0.006/h per rps.
  assert.ok(Math.abs(committedRate - 0.210528 / 0.006) < 0.05, `committed crossover ${committedRate}`);
});
