/**
 * summary.md: the verdict and the key table, small enough for $GITHUB_STEP_SUMMARY or a PR
 * comment. User text goes through escapeMarkdown; numbers are formatted, never raw.
 */
import type { ReportSafety } from './safety-panel.ts';
import { gateHeadline, gateSummary } from '../runner/safety/gate.ts';
import type { RunFile } from '../runner/run/run-file.ts';
import { escapeMarkdown } from '../runner/system/escape.ts';
import { formatCount, formatMs, formatPct, formatRps, formatUsd } from './format.ts';
import { floorSentence } from './tables.ts';
import { lateWorkersSentence } from './load-workers.ts';
import { localNotice, priceSourceText, pricedOn, statusNotice, statusText, targetText, tmpIsolationNotice } from './header.ts';
import { levelLoadLabel, measuredLevels, modeName, settingsLabel, sortedLevels, variantLabel } from './model.ts';
import { describeRecommendation } from './recommendation.ts';
import { buildVerdict, crossoverPlacement, measuredRange, verdictText } from './verdict.ts';
import { requestsPerMonthAt } from '../runner/system/numbers.ts';

/** The measured levels as a table, with the late-worker note under it; nothing when none was measured. */
function levelLines(run: RunFile): string[] {
  const measured = measuredLevels(run);
  if (measured.length === 0) return [];
  const lines = [
    '| Mode | Settings | Concurrency | req/s | p50 (ms) | p99 (ms) | Throttled | $ / M requests | Priced on |',
    '|---|---|--:|--:|--:|--:|--:|--:|---|',
    ...measured.map((level) =>
      `| ${modeName(level.mode)} | ${escapeMarkdown(settingsLabel(level.mode, level.settings))} | ${levelLoadLabel(level)} | ${formatRps(level.throughputRps)} | ${formatMs(level.latencyMs.p50)} | ${formatMs(level.latencyMs.p99)} | ${formatCount(level.requests.throttled)} | ${level.cost ? formatUsd(level.cost.usdPerMillionRequests) : '—'} | ${level.cost?.instanceType ? `${formatCount(level.cost.instances ?? 0)} × ${level.cost.instanceType}` : '—'} |`,
    ),
    '',
  ];
  const late = lateWorkersSentence(run);
  if (late) lines.push(`> ${escapeMarkdown(late)}`, '');
  return lines;
}

/** `safety`: the workload's last `lmi-bench safety` check (write-report.ts); unsafe or unchecked, it leads the summary. */
export function renderMarkdown(run: RunFile, safety?: ReportSafety): string {
  const w = run.workload;
  const lead = safety ? gateHeadline(safety.gate) : null;
  const lines: string[] = [
    `## lmi-bench: ${escapeMarkdown(w.name)} (${escapeMarkdown(w.runtime)})`,
    '',
    // The gate's backticks are Markdown on purpose: they name the command.
    ...(lead ? [`**${lead}**`, ''] : []),
    `**${escapeMarkdown(verdictText(buildVerdict(run)))}**`,
    '',
  ];
  const status = statusNotice(run);
  if (status) lines.push(`> **Run ${escapeMarkdown(run.status)}.** ${escapeMarkdown(status)}`, '');
  if (run.target === 'local') lines.push(`> ${escapeMarkdown(localNotice)}`, '');
  const tmp = tmpIsolationNotice(run);
  if (tmp) lines.push(`> ${escapeMarkdown(tmp)}`, '');
  lines.push(
    `Target: ${escapeMarkdown(targetText(run))} · Started: ${escapeMarkdown(run.startedAt)} · Prices: ${escapeMarkdown(priceSourceText(run))} · Status: ${escapeMarkdown(statusText(run))}`,
    '',
    `Priced on: ${escapeMarkdown(pricedOn(run).summary)}`,
    '',
  );
  if (safety && !lead) lines.push(`Safety: ${gateSummary(safety.gate)}`, '');
  const recommendation = describeRecommendation(run);
  if (recommendation) lines.push(`**Recommendation:** ${escapeMarkdown(recommendation.headline)}`, '');
  lines.push(...levelLines(run));
  const crossover = run.crossover;
  if (crossover) {
    const rates = crossover.requestsPerSecond;
    const perMonth = (rps: number): string => `${formatCount(Math.round(requestsPerMonthAt(rps)))} requests a month`;
    const listed = rates.length <= 6
      ? rates.map((rps) => `${formatRps(rps)} req/s (${perMonth(rps)})`).join(', ')
      : `${rates.length} crossings from ${formatRps(rates[0] ?? 0)} req/s (${perMonth(rates[0] ?? 0)}) to ${formatRps(rates.at(-1) ?? 0)} req/s (${perMonth(rates.at(-1) ?? 0)}; every one in report.html)`;
    lines.push(rates.length > 0 ? `Crossover: ${listed}` : 'Crossover: none over the rates modelled', '');
    const range = measuredRange(run);
    if (range) {
      const where = crossoverPlacement(run, crossover, range) ?? 'no crossover to place';
      lines.push(`Measured range: ${formatRps(range.minRps)} to ${formatRps(range.maxRps)} req/s (${where}).`, '');
    }
    if (crossover.sensitivity && crossover.sensitivity.length > 0) {
      lines.push(
        '| LMI discount (EC2 part) | Crossover (req/s) |',
        '|--:|---|',
        ...crossover.sensitivity.map((s) => `| ${formatPct(s.lmiDiscount)} | ${s.requestsPerSecond.length === 0 ? 'none' : s.requestsPerSecond.length <= 4 ? s.requestsPerSecond.map((r) => formatRps(r)).join(', ') : `${s.requestsPerSecond.length} crossings from ${formatRps(s.requestsPerSecond[0] ?? 0)}`} |`),
        '',
      );
    }
    const floor = floorSentence(run);
    if (floor) lines.push(escapeMarkdown(floor), '');
    if (crossover.profile) {
      const p = crossover.profile;
      lines.push(`Traffic profile ${escapeMarkdown(p.name)} (${formatCount(p.requestsPerMonth)} requests a month): standard Lambda ${formatUsd(p.lambdaUsdPerMonth)}, LMI ${formatUsd(p.lmiUsdPerMonth)} a month.`, '');
      if (p.throttleRiskMinutesPerMonth !== undefined && p.throttleRiskMinutesPerMonth > 0) {
        lines.push(`Throttle risk on LMI: ${formatCount(Math.round(p.throttleRiskMinutesPerMonth))} minutes a month where traffic more than doubles within 5 minutes (AWS: LMI may throttle while it scales).`, '');
      }
    }
  }
  const unmeasured = sortedLevels(run).flatMap((level) => (level.state === 'measured' ? [] : [level]));
  if (unmeasured.length > 0) {
    lines.push('Levels not measured:', '');
    for (const level of unmeasured) {
      lines.push(`- ${escapeMarkdown(variantLabel(level))} at ${level.rate !== undefined ? `${level.rate} req/s` : `concurrency ${level.concurrency}`}: ${level.state}, ${escapeMarkdown(level.reason)}`);
    }
    lines.push('');
  }
  lines.push(`Full report with charts: \`report.html\` beside this file (run ${escapeMarkdown(run.runId)}).`, '');
  return lines.join('\n');
}
