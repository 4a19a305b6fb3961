import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../reports/html.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { describeRecommendation } from '../../reports/recommendation.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

const base = { trials: 1, samplesPerTrial: 20 } as const;

test('a recommendation in the expected shape is shown with its settings and reason', () => {
  const run = buildRunFixture({ ...base, recommendation: { variantId: 'lmi-c64-g4', settings: { maxConcurrency: 64, gibPerVcpu: 4 }, reason: 'lowest cost with p99 under 80 ms', sloP99Ms: 80 } });
  assert.deepEqual(describeRecommendation(run), {
    headline: 'Use lmi-c64-g4: lowest cost with p99 under 80 ms',
    facts: [['Variant', 'lmi-c64-g4'], ['Settings', 'maxConcurrency 64, gibPerVcpu 4'], ['Why', 'lowest cost with p99 under 80 ms'], ['p99 objective (ms)', '80']],
  });
  assert.match(renderHtml(run), /<p id="recommendation">Use lmi-c64-g4: lowest cost with p99 under 80 ms<\/p>/);
  assert.match(renderMarkdown(run), /^\*\*Recommendation:\*\* Use lmi-c64-g4: lowest cost with p99 under 80 ms$/m);
});

test('unknown shapes render without failing, absent ones render nothing', () => {
  for (const odd of ['just a note', 42, ['a', 'b'], { score: 0.8, nested: { deep: { deeper: true } } }]) {
    const run = buildRunFixture({ ...base, recommendation: odd });
    assert.ok(describeRecommendation(run));
    assert.match(renderHtml(run), /<section id="section-recommendation">/);
  }
  const none = buildRunFixture(base);
  assert.equal(describeRecommendation(none), null);
  assert.doesNotMatch(renderHtml(none), /section-recommendation/);
});
