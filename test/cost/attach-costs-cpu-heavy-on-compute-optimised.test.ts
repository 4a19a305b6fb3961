import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attachCosts } from '../../runner/cost/attach.ts';
import { loadPriceBook } from '../../runner/pricing/load-price-book.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { levelsTable } from '../../reports/tables.ts';
import { measuredLevel, sampleRun } from './helpers/run.ts';

test('with no pinned instance type a CPU-heavy workload is priced on a compute-optimised type, named in run.json and the report', async () => {
  const prices = await loadPriceBook({ region: 'us-east-1', offline: true });
  const run = sampleRun();
  const settings = { memoryMb: 2048, maxConcurrency: 64, gibPerVcpu: 2 };
  // 40 CPU-ms per request at 500 req/s: 20 vCPUs busy, 40 one-vCPU environments at the Auto target.
  run.levels = [
    ...run.levels.filter((l) => l.mode === 'lambda'),
    measuredLevel({ mode: 'lmi', variantId: 'lmi-c64-g2', concurrency: 32, ok: 5000, throughputRps: 500, durationMs: 45, latencyMeanMs: 47, cpuSecondsPerRequest: 0.04, settings }),
  ];
  const priced = attachCosts(run, prices, { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'arm64', minEnvironments: 3 });
  const lmi = priced.levels.find((l) => l.mode === 'lmi');
  assert.ok(lmi?.state === 'measured' && lmi.cost);
  assert.match(lmi.cost.instanceType ?? '', /^c\dg\./);
  assert.equal(lmi.cost.environments, 40);
  // The same level pinned to m7g.xlarge costs more: the choice was the cheaper one.
  const pinned = attachCosts(run, prices, { lambdaDiscount: 0, lmiDiscount: 0, freeTier: false, architecture: 'arm64', instanceType: 'm7g.xlarge', minEnvironments: 3 });
  const pinnedLmi = pinned.levels.find((l) => l.mode === 'lmi');
  assert.ok(pinnedLmi?.state === 'measured' && pinnedLmi.cost && pinnedLmi.cost.usdPerHour > lmi.cost.usdPerHour);
  // Every point of the cost curve names its type; the report shows the level's.
  assert.ok(priced.crossover?.curve.every((p) => /^[cmr]\dg\./.test(p.lmiInstanceType ?? '')));
  assert.match(renderMarkdown(priced), new RegExp(`\\| \\d+ × ${lmi.cost.instanceType?.replace('.', '\\.')} \\|`));
  assert.ok(levelsTable(priced).includes(`<td>${lmi.cost.instanceType}</td>`));
});
