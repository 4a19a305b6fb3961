import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossover } from '../../runner/cost/crossover.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { baselineScenario } from './helpers/scenario.ts';

test('more minimum instances raise the crossover rate', () => {
  const prices = factsPriceBook();
  const three = baselineScenario();
  const six = baselineScenario();
  six.lmi.capacity.minInstances = 6;
  const threeRate = crossover(three, prices).requestsPerSecond[0];
  const sixRate = crossover(six, prices).requestsPerSecond[0];
  assert.ok(threeRate !== undefined && sixRate !== undefined);
  // The fixed floor doubles while both slopes stay the same: the first crossover doubles.
  assert.ok(Math.abs(sixRate / threeRate - 2) < 0.01, `${sixRate} vs ${threeRate}`);
});
