/**
 * In Auto mode AWS chooses the instance type, so the break-even is a range: the verdict of the
 * terminal and of summary.md states both ends, the types at each, and how to narrow it; with
 * one type pinned (no range) the verdict keeps one figure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMarkdown } from '../../reports/markdown.ts';
import { terminalVerdict } from '../../reports/terminal-verdict.ts';
import { buildVerdict, verdictText } from '../../reports/verdict.ts';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';

const range = { lowRequestsPerSecond: 70.2, highRequestsPerSecond: 140.4, lowInstanceType: 'm6a.large', highInstanceType: 'c7a.2xlarge' };
const sentence = 'LMI is cheaper above 70.2–140 req/s, depending on the instance type Lambda picks (m6a.large at the low end, c7a.2xlarge at the high end); --instance-types narrows the choice, --instance-type pins one figure.';

test('the terminal verdict and summary.md state the break-even range, its two types and how to narrow it', () => {
  const run = buildRunFixture({ concurrency: [1, 4, 16], trials: 1, samplesPerTrial: 50 });
  assert.ok(run.crossover);
  run.crossover.range = range;
  assert.ok(verdictText(buildVerdict(run)).includes(sentence), verdictText(buildVerdict(run)));
  assert.ok((terminalVerdict(run, { outDir: 'results/r1' }).split('\n')[0] ?? '').includes(sentence));
  assert.ok(renderMarkdown(run).includes(sentence));
});

test('LMI never cheaper on the high end: the low end alone, and that the reported type never pays', () => {
  const run = buildRunFixture({ concurrency: [1, 4], trials: 1, samplesPerTrial: 30 });
  assert.ok(run.crossover);
  run.crossover.range = { ...range, highRequestsPerSecond: null };
  assert.match(verdictText(buildVerdict(run)), /LMI is cheaper above 70\.2 req\/s on m6a\.large, the cheapest fleet, but never in the rates modelled on c7a\.2xlarge/);
});

test('with one type pinned there is no range: one figure, as before', () => {
  const run = buildRunFixture({ concurrency: [1, 4], trials: 1, samplesPerTrial: 30 });
  assert.doesNotMatch(verdictText(buildVerdict(run)), /depending on the instance type/);
});
