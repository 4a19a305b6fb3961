import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml } from '../../reports/html.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { describeRecommendation } from '../../reports/recommendation.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

const base = { trials: 1, samplesPerTrial: 20 } as const;

test('a recommendation in the expected shape is shown with its settings and reason', () => {
  const run = buildRunFixture({ ...base, recommendation: { variantId: 'lmi-c64-g4', settings: { maxConcurrency: 64, gibPerVcpu: 4 }, reason: 'lowest cost with p99 under 80 ms', sloP99Ms: 80 } });
  const basis = run.crossover?.basis?.lmiVariantId;
  assert.ok(basis && basis !== 'lmi-c64-g4', 'the fixture prices its crossover from another variant');
  // The break-even comes from another variant: the headline says which and why.
  const note = ` (the break-even above is priced from ${basis}, the LMI level that served the most requests with at most 1% throttled or failed, the largest sample of LMI's cost per request; lmi-c64-g4 is the cheapest per request over the levels measured)`;
  assert.deepEqual(describeRecommendation(run), {
    headline: `Use lmi-c64-g4: lowest cost with p99 under 80 ms${note}`,
    facts: [['Variant', 'lmi-c64-g4'], ['Settings', 'maxConcurrency 64, gibPerVcpu 4'], ['Why', 'lowest cost with p99 under 80 ms'], ['p99 objective (ms)', '80']],
  });
  assert.match(renderHtml(run), /<p id="recommendation">Use lmi-c64-g4: lowest cost with p99 under 80 ms \(the break-even above is priced from /);
  assert.match(renderMarkdown(run), /^\*\*Recommendation:\*\* Use lmi-c64-g4: lowest cost with p99 under 80 ms \(the break-even/m);
  // Recommended and priced variants the same: nothing to explain.
  const same = buildRunFixture({ ...base, recommendation: { variantId: basis, settings: {}, reason: 'cheapest', sloP99Ms: null } });
  assert.equal(describeRecommendation(same)?.headline, `Use ${basis}: cheapest`);
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
