import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossover } from '../../runner/cost/crossover.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { baselineScenario } from './helpers/scenario.ts';

test('a longer Lambda duration lowers the crossover rate', () => {
  const prices = factsPriceBook();
  const short = baselineScenario();
  const long = baselineScenario();
  long.lambda.meanDurationMs = 200;
  long.lmi.capacity.meanDurationMs = 200;
  const shortRate = crossover(short, prices).requestsPerSecond[0];
  const longRate = crossover(long, prices).requestsPerSecond[0];
  assert.ok(shortRate !== undefined && longRate !== undefined, 'both scenarios cross over');
  // Baseline: 3 × ($0.1632 + $0.02448) = $0.56304/h = ($0.00672 − $0.00072) × R  →  R ≈ 93.8 rps.
  assert.ok(Math.abs(shortRate - 93.84) < 0.1, `baseline crossover ${shortRate}`);
  assert.ok(longRate < shortRate * 0.6, `${longRate} should be well below ${shortRate}`);
});
