/**
 * Which LMI settings to use, from a run that swept them: the cheapest combination (mean cost
 * per million requests over the levels measured) that served every level without a throttle
 * or an error and, when an objective is given, within the p99 objective at every level. The
 * levels are the same for every variant of a run, so the costs compare like with like.
 */
import type { MeasuredLevel, Recommendation, RunFile } from '../run/run-file.ts';
import { sum } from '../system/sum.ts';

export function recommendSettings(run: RunFile, sloP99Ms: number | null): Recommendation | undefined {
  const lmiLevels = run.levels.filter((level) => level.mode === 'lmi');
  const variantIds = [...new Set(lmiLevels.map((level) => level.variantId))];
  if (variantIds.length < 2) return undefined;

  const objective = sloP99Ms === null ? 'no throttles (no --slo-p99-ms objective was given)' : `p99 ≤ ${sloP99Ms} ms and no throttles`;
  const rejected: string[] = [];
  const eligible: Array<{ variantId: string; level: MeasuredLevel; usdPerMillionRequests: number }> = [];
  for (const variantId of variantIds) {
    const levels = lmiLevels.filter((level) => level.variantId === variantId);
    const why = rejection(levels, sloP99Ms);
    if (why) {
      rejected.push(`${variantId}: ${why}`);
      continue;
    }
    const measured = levels as MeasuredLevel[];
    const costs = measured.map((level) => level.cost?.usdPerMillionRequests);
    if (costs.some((cost) => cost === undefined) || !measured[0]) {
      rejected.push(`${variantId}: not priced`);
      continue;
    }
    const usd = sum(costs as number[]) / costs.length;
    eligible.push({ variantId, level: measured[0], usdPerMillionRequests: usd });
  }
  const levels = [...new Set(lmiLevels.map((level) => level.concurrency))].sort((a, b) => a - b).join(', ');
  eligible.sort((a, b) => a.usdPerMillionRequests - b.usdPerMillionRequests);
  const best = eligible[0];
  if (!best) {
    return { variantId: null, settings: null, reason: `none of the ${variantIds.length} LMI settings met ${objective} at concurrency ${levels}`, sloP99Ms, objective, rejected };
  }
  const runnerUp = eligible[1];
  const margin = runnerUp ? `; the next cheapest, ${settingsWords(runnerUp.level.settings)}, costs ${usdWords(runnerUp.usdPerMillionRequests)}` : '';
  return {
    variantId: best.variantId,
    settings: best.level.settings,
    reason:
      `${settingsWords(best.level.settings)} is the cheapest of the ${eligible.length} settings (of ${variantIds.length} swept) that met ${objective} at concurrency ${levels}: ` +
      `${usdWords(best.usdPerMillionRequests)} per million requests on average${margin}`,
    sloP99Ms,
    objective,
    usdPerMillionRequests: best.usdPerMillionRequests,
    rejected,
  };
}

function rejection(levels: RunFile['levels'], sloP99Ms: number | null): string | null {
  for (const level of levels) {
    if (level.state !== 'measured') return `${level.state} at concurrency ${level.concurrency}`;
    if (level.requests.throttled > 0) return `${level.requests.throttled} throttled at concurrency ${level.concurrency}`;
    if (level.requests.errors > 0) return `${level.requests.errors} errors at concurrency ${level.concurrency}`;
    if (sloP99Ms !== null && level.latencyMs.p99 > sloP99Ms) return `p99 ${level.latencyMs.p99} ms > ${sloP99Ms} ms at concurrency ${level.concurrency}`;
  }
  return null;
}

/** A variant's LMI settings in words: what a user sets on the function. */
export function settingsWords(settings: MeasuredLevel['settings']): string {
  const parts = [
    settings.maxConcurrency === undefined ? null : `up to ${settings.maxConcurrency} requests at once per environment`,
    settings.gibPerVcpu === undefined ? null : `${settings.gibPerVcpu} GiB per vCPU`,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' at ') : `${settings.memoryMb} MB`;
}

/** Dollars rounded for reading: cents from 10 cents up, two significant figures below. */
export function usdWords(usd: number): string {
  return usd >= 0.1 ? `$${usd.toFixed(2)}` : `$${Number(usd.toPrecision(2))}`;
}
