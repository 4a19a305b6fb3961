import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { factsPriceBook } from './helpers/prices.ts';
import { sampleRun } from './helpers/run.ts';

test('a run without measured levels for both modes has no crossover', () => {
  const run = sampleRun();
  run.levels = run.levels.filter((l) => l.mode === 'lambda');
  const priced = attachCosts(run, factsPriceBook(), { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'x86_64', instanceType: 'm7g.xlarge', minEnvironments: 3 });
  assert.equal(priced.crossover, null);
});
