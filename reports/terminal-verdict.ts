/**
 * What the bench prints on stdout after its table: the verdict sentence, the crossover in req/s
 * and in requests a month (or that there is none in the rates scanned), the range actually
 * measured and whether the crossover lies inside it, the month of the user's traffic, the LMI
 * settings recommendation after a sweep, then the paths. `--quiet` prints only this.
 */
import type { RunFile } from '../runner/run/run-file.ts';
import { gateHeadline, type SafetyGate } from '../runner/safety/gate.ts';
import { formatCount, formatPct, formatRps, formatUsd } from './format.ts';
import { lmiVariants } from './model.ts';
import { describeRecommendation } from './recommendation.ts';
import { buildVerdict, crossoverPlacement, measuredRange, verdictText } from './verdict.ts';
import { requestsPerMonthAt } from '../runner/system/numbers.ts';
import { pricedOn } from './header.ts';

function perMonth(rps: number): string {
  return `${formatCount(Math.round(requestsPerMonthAt(rps)))} requests a month`;
}

/** safety: the handler's last safety check; not safe (or not checked), it leads, before any cost. */
export function terminalVerdict(run: RunFile, paths: { outDir: string; htmlPath?: string | null }, safety: SafetyGate | null = null): string {
  const lead = safety ? gateHeadline(safety) : null;
  const lines = [...(lead ? [lead] : []), `verdict: ${lead ? `${lead.split(':')[0]}. ` : ''}${verdictText(buildVerdict(run))}`];
  const crossover = run.crossover;
  const range = measuredRange(run);
  if (crossover) {
    const rates = crossover.requestsPerSecond;
    const scanned = crossover.curve.map((point) => point.requestsPerSecond);
    if (rates.length === 0) {
      lines.push(`crossover: no crossover in the rates scanned (${formatRps(Math.min(...scanned))} to ${formatRps(Math.max(...scanned))} req/s)`);
    } else if (rates.length <= 3) {
      lines.push(`crossover: ${rates.map((rps) => `${formatRps(rps)} req/s = ${perMonth(rps)}`).join('; ')}`);
    } else {
      const first = rates[0] ?? 0;
      const last = rates.at(-1) ?? 0;
      lines.push(`crossover: ${rates.length} crossings as LMI adds instances, from ${formatRps(first)} req/s (${perMonth(first)}) to ${formatRps(last)} req/s (${perMonth(last)})`);
    }
    if (range) {
      const where = crossoverPlacement(run, crossover, range) ?? 'no crossover to place in it';
      lines.push(`measured: ${formatRps(range.minRps)} to ${formatRps(range.maxRps)} req/s (${where})`);
    }
    const profile = crossover.profile;
    if (profile) {
      const saving = profile.lambdaUsdPerMonth - profile.lmiUsdPerMonth;
      const share = profile.lambdaUsdPerMonth > 0 ? ` (${formatPct(Math.abs(saving) / profile.lambdaUsdPerMonth)})` : '';
      const outcome = saving >= 0 ? `LMI saves ${formatUsd(saving)} a month${share}` : `LMI costs ${formatUsd(-saving)} a month more${share}`;
      lines.push(
        `your traffic (${profile.name}, ${formatCount(Math.round(profile.requestsPerMonth))} requests a month): standard Lambda ${formatUsd(profile.lambdaUsdPerMonth)} a month, LMI ${formatUsd(profile.lmiUsdPerMonth)} a month; ${outcome}`,
      );
    }
  } else if (range) {
    lines.push(`measured: ${formatRps(range.minRps)} to ${formatRps(range.maxRps)} req/s`);
  }
  const recommendation = describeRecommendation(run);
  if (recommendation && lmiVariants(run).length > 1) lines.push(`LMI settings: ${recommendation.headline}`);
  // Which architecture and instance types the costs assume, and the flags that change them.
  lines.push(`priced on: ${pricedOn(run).summary}`);
  lines.push(`results: ${paths.outDir}`);
  if (paths.htmlPath) lines.push(`report: ${paths.htmlPath}`);
  return lines.join('\n');
}
