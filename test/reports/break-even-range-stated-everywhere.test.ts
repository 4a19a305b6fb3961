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
const rangeClause = 'LMI is cheaper above 70.2–140 req/s, depending on the instance type Lambda picks (m6a.large at the low end, c7a.2xlarge at the high end)';
const narrowHint = '; --instance-types narrows the choice, --instance-type pins one figure.';

test('the terminal verdict and summary.md lead with the range once, the month at each end, and how to narrow it', () => {
  const run = buildRunFixture({ concurrency: [1, 4, 16], trials: 1, samplesPerTrial: 50, withProfile: true });
  assert.ok(run.crossover?.profile);
  assert.equal(run.crossover.requestsPerSecond.length, 1, 'the fixture has one break-even');
  run.crossover.range = { ...range, highEndProfile: { lmiUsdPerMonth: run.crossover.profile.lambdaUsdPerMonth + 40 } };
  const verdict = verdictText(buildVerdict(run));
  assert.ok(verdict.startsWith(rangeClause), verdict);
  assert.ok(verdict.endsWith(narrowHint), verdict);
  // The low end is said once, inside the range, never first as a figure of its own.
  assert.equal(verdict.split('70.2').length - 1, 1, verdict);
  assert.match(verdict, /; at your traffic profile \(constant 50 req\/s\) LMI (saves|costs) \$[\d,.]+ a month( more)? \(\+?[\d.]+%\) on m6a\.large and costs \$40\.00 a month more \(\+[\d.]+%\) on c7a\.2xlarge; --instance-types/);
  assert.ok((terminalVerdict(run, { outDir: 'results/r1' }).split('\n')[0] ?? '').includes(verdict));
  assert.ok(renderMarkdown(run).includes(verdict));
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
