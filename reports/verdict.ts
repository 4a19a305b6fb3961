/**
 * The one-sentence answer at the top of every report, built from run.crossover. It is kept
 * as parts (text, request rates, dollar amounts) so the HTML can tag each number with its
 * exact value while summary.md prints the same sentence.
 */
import type { CrossoverResult, MeasuredLevel, RunFile } from '../runner/run/run-file.ts';
import { requestsPerMonthAt } from '../runner/system/numbers.ts';
import { formatCount, formatMs, formatPct, formatRps, formatUsd } from './format.ts';
import { measuredLevels } from './model.ts';

export type VerdictPart =
  | { kind: 'text'; text: string }
  | { kind: 'rps'; value: number }
  /** A crossover rate: shown in req/s and in requests a month, the unit traffic is thought in. */
  | { kind: 'crossover'; value: number }
  | { kind: 'usd'; value: number }
  /** A rate shown bare, an end of the break-even range ("70–140 req/s": the unit follows as text). */
  | { kind: 'rate'; value: number };

export type Cheaper = 'lmi' | 'lambda' | 'equal' | 'unknown';

/** A range of request rates (upper bound null = open) and which mode costs less there. */
export interface CostSegment {
  fromRps: number;
  toRps: number | null;
  cheaper: Cheaper;
}

const text = (value: string): VerdictPart => ({ kind: 'text', text: value });
const rps = (value: number): VerdictPart => ({ kind: 'rps', value });
const crossing = (value: number): VerdictPart => ({ kind: 'crossover', value });
const usd = (value: number): VerdictPart => ({ kind: 'usd', value });

export function buildVerdict(run: RunFile): VerdictPart[] {
  const crossover = run.crossover;
  if (!crossover || crossover.curve.length === 0) return noCostVerdict(run);
  const range = crossover.range;
  let parts: VerdictPart[];
  if (range && singleBreakEven(crossover)) {
    // The range is the headline, once: its two ends with their types, and the user's month at each end.
    parts = [...breakEvenRangeParts(range, rangeProfileClause(crossover, range)), text('.')];
  } else {
    parts = [...costVerdict(crossover), ...profileClause(crossover), text('.')];
    if (range) parts.push(text(' '), ...breakEvenRangeParts(range), text('.'));
  }
  const extrapolated = extrapolationSentence(run, crossover);
  if (extrapolated) parts.push(text(` ${extrapolated}`));
  return parts;
}

/** The lowest and highest throughput actually measured (either compute type); null when nothing was. */
export function measuredRange(run: RunFile): { minRps: number; maxRps: number } | null {
  const rates = measuredLevels(run).map((level) => level.throughputRps).filter((rate) => rate > 0);
  return rates.length === 0 ? null : { minRps: Math.min(...rates), maxRps: Math.max(...rates) };
}

/** Crossover rates outside the measured range rest on the model alone. */
export function crossoversOutsideMeasured(run: RunFile, crossover: CrossoverResult): { above: number[]; below: number[] } {
  const range = measuredRange(run);
  if (!range) return { above: [], below: [] };
  return {
    above: crossover.requestsPerSecond.filter((rate) => rate > range.maxRps),
    below: crossover.requestsPerSecond.filter((rate) => rate < range.minRps),
  };
}

/**
 * Where the crossover lies against the measured range, in words (summary.md and the terminal);
 * null when there is no crossover to place.
 */
export function crossoverPlacement(run: RunFile, crossover: CrossoverResult, range: { minRps: number; maxRps: number }): string | null {
  const outside = crossoversOutsideMeasured(run, crossover);
  if (outside.above.length > 0) return `measured up to ${formatRps(range.maxRps)} req/s; beyond that the model extrapolates`;
  if (outside.below.length > 0) return `below ${formatRps(range.minRps)} req/s the model extrapolates`;
  return crossover.requestsPerSecond.length > 0 ? 'the crossover lies inside the measured range' : null;
}

function extrapolationSentence(run: RunFile, crossover: CrossoverResult): string | null {
  const range = measuredRange(run);
  if (!range) return null;
  const { above, below } = crossoversOutsideMeasured(run, crossover);
  if (above.length > 0) return `Measured up to ${formatRps(range.maxRps)} req/s; beyond that the model extrapolates.`;
  if (below.length > 0) return `Measured from ${formatRps(range.minRps)} req/s; below that the model extrapolates.`;
  return null;
}

export function verdictText(parts: VerdictPart[]): string {
  return parts.map(partText).join('');
}

export function partText(part: VerdictPart): string {
  switch (part.kind) {
    case 'text':
      return part.text;
    case 'rps':
      return `${formatRps(part.value)} req/s`;
    case 'crossover':
      return `${formatRps(part.value)} req/s (${formatCount(Math.round(requestsPerMonthAt(part.value)))} requests a month)`;
    case 'usd':
      return formatUsd(part.value);
    case 'rate':
      return formatRps(part.value);
  }
}

/**
 * The break-even when AWS picks the instance type: the cheapest allowed fleet at one end, the
 * types Lambda has been reported choosing at the other, and how to narrow it. `between` goes
 * before the hint (the month of the user's traffic at each end, in the headline).
 */
export function breakEvenRangeParts(range: NonNullable<CrossoverResult['range']>, between: VerdictPart[] = []): VerdictPart[] {
  const narrow = text('; --instance-types narrows the choice, --instance-type pins one figure');
  if (range.highRequestsPerSecond === null) {
    return [
      text('LMI is cheaper above '), { kind: 'rate', value: range.lowRequestsPerSecond }, text(` req/s on ${range.lowInstanceType}, the cheapest fleet, but never in the rates modelled on ${range.highInstanceType}, a type Lambda has been reported picking`), ...between, narrow,
    ];
  }
  return [
    text('LMI is cheaper above '), { kind: 'rate', value: range.lowRequestsPerSecond }, text('–'), { kind: 'rate', value: range.highRequestsPerSecond },
    text(` req/s, depending on the instance type Lambda picks (${range.lowInstanceType} at the low end, ${range.highInstanceType} at the high end)`), ...between, narrow,
  ];
}

/** One break-even, above which LMI stays cheaper: the case the range replaces in the headline. */
function singleBreakEven(crossover: CrossoverResult): boolean {
  const lmi = costSegments(crossover).filter((segment) => segment.cheaper === 'lmi');
  return crossover.requestsPerSecond.length === 1 && lmi.length === 1 && lmi[0]?.toRps === null;
}

/** The user's month at each end of the range: the cheapest fleet's, and the high end's type alone. */
function rangeProfileClause(crossover: CrossoverResult, range: NonNullable<CrossoverResult['range']>): VerdictPart[] {
  const profile = crossover.profile;
  if (!profile) return [];
  // `subject` names LMI in the first clause only: "LMI saves $4 a month on A and costs $9 a month more on B".
  const atEnd = (lmiUsdPerMonth: number, end: string, subject: string): VerdictPart[] => {
    const saving = profile.lambdaUsdPerMonth - lmiUsdPerMonth;
    const share = profile.lambdaUsdPerMonth > 0 ? ` (${saving >= 0 ? '' : '+'}${formatPct(Math.abs(saving) / profile.lambdaUsdPerMonth)})` : '';
    if (Math.abs(saving) < 0.005) return [text(`${subject}costs the same as standard Lambda ${end}`)];
    return saving > 0 ? [text(`${subject}saves `), usd(saving), text(` a month${share} ${end}`)] : [text(`${subject}costs `), usd(-saving), text(` a month more${share} ${end}`)];
  };
  const high = range.highEndProfile;
  return [
    text(`; at your traffic profile (${profile.name}) `),
    ...atEnd(profile.lmiUsdPerMonth, `on ${range.lowInstanceType}`, 'LMI '),
    ...(high ? [text(' and '), ...atEnd(high.lmiUsdPerMonth, `on ${range.highInstanceType}`, '')] : []),
  ];
}

function costVerdict(crossover: CrossoverResult): VerdictPart[] {
  const segments = costSegments(crossover);
  const rates = crossover.curve.map((point) => point.requestsPerSecond);
  const lowest = Math.min(...rates);
  const highest = Math.max(...rates);
  if (crossover.requestsPerSecond.length === 0) {
    const only = segments[0]?.cheaper ?? 'unknown';
    if (only === 'lmi') return [text('LMI is cheaper than standard Lambda at every request rate modelled ('), rps(lowest), text(' to '), rps(highest), text(') for this workload')];
    if (only === 'lambda') return [text('Standard Lambda is cheaper than LMI at every request rate modelled ('), rps(lowest), text(' to '), rps(highest), text(') for this workload')];
    return [text('LMI and standard Lambda cost the same over the request rates modelled ('), rps(lowest), text(' to '), rps(highest), text(')')];
  }
  const lmiRanges = segments.filter((segment) => segment.cheaper === 'lmi');
  if (lmiRanges.length === 0) {
    return [text('Standard Lambda is never more expensive than LMI for this workload; the cost curves meet at '), ...joinList(crossover.requestsPerSecond.map(crossing))];
  }
  const wide = lmiRanges.filter(isWide);
  const narrow = lmiRanges.filter((segment) => !isWide(segment));
  if (narrow.length <= 1) return [text('LMI is cheaper '), ...joinList(lmiRanges.map(rangeParts)), text(' for this workload')];
  return [...(wide.length > 0 ? [text('LMI is cheaper '), ...joinList(wide.map(rangeParts)), text(' for this workload; ')] : []), ...zigzagParts(segments, narrow, wide.length === 0)];
}

/**
 * LMI cost is a step function: near the rates where its instance count steps up, the curves
 * can cross many times within a few req/s. A range narrower than this ratio is reported as
 * part of a band rather than one by one.
 */
const narrowRangeRatio = 1.25;

function isWide(segment: CostSegment): boolean {
  return segment.toRps === null || segment.fromRps <= 0 || segment.toRps / segment.fromRps >= narrowRangeRatio;
}

/** One clause for the band where the curves zigzag: its bounds, the crossings in it, and who wins most of it. */
function zigzagParts(segments: CostSegment[], narrow: CostSegment[], leading: boolean): VerdictPart[] {
  const from = Math.min(...narrow.map((segment) => segment.fromRps));
  const to = Math.max(...narrow.map((segment) => segment.toRps ?? segment.fromRps));
  const inside = segments.filter((segment) => segment.toRps !== null && segment.fromRps >= from && segment.toRps <= to);
  const logWidth = (segment: CostSegment) => Math.log((segment.toRps ?? segment.fromRps) / segment.fromRps);
  const lmiShare = inside.filter((s) => s.cheaper === 'lmi').reduce((sum, s) => sum + logWidth(s), 0) / Math.max(Math.log(to / from), 1e-12);
  const winner = lmiShare > 0.5 ? 'LMI' : 'standard Lambda';
  return [
    text(`${leading ? 'B' : 'b'}etween `), rps(from), text(' and '), rps(to),
    text(` the cost curves cross ${inside.length + 1} times as LMI adds instances one at a time, and ${winner} is cheaper over most of that span`),
  ];
}

function rangeParts(segment: CostSegment): VerdictPart[] {
  if (segment.toRps === null) return [text('above '), crossing(segment.fromRps)];
  if (segment.fromRps <= 0) return [text('below '), crossing(segment.toRps)];
  return [text('between '), rps(segment.fromRps), text(' and '), rps(segment.toRps)];
}

function joinList(items: Array<VerdictPart | VerdictPart[]>): VerdictPart[] {
  const out: VerdictPart[] = [];
  items.forEach((item, index) => {
    if (index > 0) out.push(text(index === items.length - 1 ? ' and ' : ', '));
    out.push(...(Array.isArray(item) ? item : [item]));
  });
  return out;
}

function profileClause(crossover: CrossoverResult): VerdictPart[] {
  const profile = crossover.profile;
  if (!profile) return [];
  const saving = profile.lambdaUsdPerMonth - profile.lmiUsdPerMonth;
  const lead = text(`; at your traffic profile (${profile.name}) `);
  const share = profile.lambdaUsdPerMonth > 0 ? Math.abs(saving) / profile.lambdaUsdPerMonth : null;
  if (Math.abs(saving) < 0.005) return [lead, text('both cost '), usd(profile.lmiUsdPerMonth), text(' a month')];
  if (saving > 0) return [lead, text('it saves '), usd(saving), text(' a month'), ...(share === null ? [] : [text(` (${formatPct(share)})`)])];
  return [lead, text('LMI costs '), usd(-saving), text(' a month more'), ...(share === null ? [] : [text(` (+${formatPct(share)})`)])];
}

/**
 * Splits the modelled rates at each crossover and says which mode is cheaper in each range,
 * judged at the curve point nearest the middle of the range (geometric middle: the curves are
 * read on a log scale). A range with no curve point inside takes the opposite of its neighbour,
 * since the costs swap at every crossover.
 */
export function costSegments(crossover: CrossoverResult): CostSegment[] {
  const bounds = [...crossover.requestsPerSecond].sort((a, b) => a - b);
  const edges = [0, ...bounds];
  const segments: CostSegment[] = edges.map((fromRps, index) => ({ fromRps, toRps: bounds[index] ?? null, cheaper: 'unknown' }));
  for (const segment of segments) segment.cheaper = cheaperInside(crossover, segment);
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index];
    if (!segment || segment.cheaper !== 'unknown') continue;
    const neighbour = segments[index - 1]?.cheaper ?? segments[index + 1]?.cheaper;
    if (neighbour === 'lmi') segment.cheaper = 'lambda';
    else if (neighbour === 'lambda') segment.cheaper = 'lmi';
  }
  return segments;
}

function cheaperInside(crossover: CrossoverResult, segment: CostSegment): Cheaper {
  const upper = segment.toRps ?? Infinity;
  const inside = crossover.curve.filter((point) => point.requestsPerSecond > segment.fromRps && point.requestsPerSecond < upper);
  if (inside.length === 0) return 'unknown';
  const rates = inside.map((point) => point.requestsPerSecond);
  const middle = Math.sqrt(Math.max(Math.min(...rates), 1e-9) * Math.max(...rates));
  const point = inside.reduce((best, candidate) =>
    Math.abs(Math.log(candidate.requestsPerSecond / middle)) < Math.abs(Math.log(best.requestsPerSecond / middle)) ? candidate : best,
  );
  const difference = point.lambdaUsdPerHour - point.lmiUsdPerHour;
  if (Math.abs(difference) <= 1e-12) return 'equal';
  return difference > 0 ? 'lmi' : 'lambda';
}

function noCostVerdict(run: RunFile): VerdictPart[] {
  const measured = measuredLevels(run);
  if (measured.length === 0) {
    const why = run.reason ? `: ${run.reason}` : '';
    const sentence = {
      complete: 'No level of this run was measured, so there is nothing to compare.',
      failed: `This run failed before any level was measured${why}.`,
      interrupted: `This run was interrupted before any level was measured${why}.`,
      running: 'This run had not finished a level when it was last saved, so there is nothing to compare yet.',
    }[run.status];
    return [text(sentence)];
  }
  const comparison = latencyComparison(measured);
  return [text(`No cost comparison: this run has no prices or cost model applied${comparison ? `; ${comparison}` : ', so the charts compare latency and throughput only'}.`)];
}

/** At the highest concurrency both modes were measured at, the p99 of each. */
function latencyComparison(measured: MeasuredLevel[]): string | null {
  const shared = measured
    .filter((level) => level.mode === 'lmi')
    .map((level) => level.concurrency)
    .filter((concurrency) => measured.some((level) => level.mode === 'lambda' && level.concurrency === concurrency));
  if (shared.length === 0) return null;
  const concurrency = Math.max(...shared);
  const best = (mode: 'lambda' | 'lmi') =>
    Math.min(...measured.filter((l) => l.mode === mode && l.concurrency === concurrency).map((l) => l.latencyMs.p99));
  return `at concurrency ${concurrency}, p99 latency was ${formatMs(best('lmi'))} ms on LMI and ${formatMs(best('lambda'))} ms on standard Lambda`;
}
