/**
 * What every part of a report derives from a run in the same way: variant labels, the
 * measured levels in display order, whether LMI settings were swept.
 */
import type { LevelResult, MeasuredLevel, RunFile } from '../runner/run/run-file.ts';
import type { VariantSettings } from '../runner/domain.ts';

export function modeName(mode: LevelResult['mode']): string {
  return mode === 'lmi' ? 'LMI' : 'Lambda';
}

export function settingsLabel(mode: LevelResult['mode'], settings: VariantSettings): string {
  if (mode === 'lambda') return `${settings.memoryMb} MB`;
  const parts = [`${settings.memoryMb} MB`];
  if (settings.maxConcurrency !== undefined) parts.push(`${settings.maxConcurrency}/env`);
  if (settings.gibPerVcpu !== undefined) parts.push(`${settings.gibPerVcpu} GiB/vCPU`);
  if (settings.targetCpuPercent !== undefined) parts.push(`target ${settings.targetCpuPercent}% CPU`);
  return parts.join(', ');
}

/** e.g. `Lambda 1024 MB` or `LMI 2048 MB, 16/env, 2 GiB/vCPU`: the series name in charts. */
export function variantLabel(level: Pick<LevelResult, 'mode' | 'settings'>): string {
  return `${modeName(level.mode)} ${settingsLabel(level.mode, level.settings)}`;
}

/** Standard Lambda first, then LMI variants by max concurrency and GiB per vCPU, then by concurrency. */
export function compareLevels(a: LevelResult, b: LevelResult): number {
  if (a.mode !== b.mode) return a.mode === 'lambda' ? -1 : 1;
  const byConcurrency = (a.settings.maxConcurrency ?? 0) - (b.settings.maxConcurrency ?? 0);
  if (byConcurrency !== 0) return byConcurrency;
  const byRatio = (a.settings.gibPerVcpu ?? 0) - (b.settings.gibPerVcpu ?? 0);
  if (byRatio !== 0) return byRatio;
  const byMemory = a.settings.memoryMb - b.settings.memoryMb;
  return byMemory !== 0 ? byMemory : levelLoad(a) - levelLoad(b);
}

export function sortedLevels(run: RunFile): LevelResult[] {
  return [...run.levels].sort(compareLevels);
}

export function measuredLevels(run: RunFile): MeasuredLevel[] {
  return sortedLevels(run).filter((level): level is MeasuredLevel => level.state === 'measured');
}

/**
 * Levels that are points of a curve: measured and not saturated. A saturated open-loop level
 * (its achieved rate fell more than 5% short) measures a queue, not the function at that rate.
 */
export function curveLevels(run: RunFile): MeasuredLevel[] {
  return measuredLevels(run).filter((level) => level.saturated !== true);
}

/** True when the run's levels are open-loop arrival rates (--rates) rather than concurrencies. */
export function hasRateLevels(run: RunFile): boolean {
  return run.levels.some((level) => level.rate !== undefined);
}

/** A level's position on the load axis: its arrival rate (open loop) or its concurrency. */
export function levelLoad(level: LevelResult): number {
  return level.rate ?? level.concurrency;
}

/** `40 req/s` (open loop) or `32` (closed loop), with `saturated` when it is. */
export function levelLoadLabel(level: LevelResult): string {
  const load = level.rate !== undefined ? `${level.rate} req/s` : String(level.concurrency);
  return level.state === 'measured' && level.saturated ? `${load} (saturated)` : load;
}

/** Stable key of one level, used to pick it in the distribution chart. */
export function levelKey(level: LevelResult): string {
  return `${variantLabel(level)} @ ${level.rate !== undefined ? `${level.rate} req/s` : level.concurrency}`;
}

/** Labels of the LMI settings combinations that were measured (more than one = a sweep). */
export function lmiVariants(run: RunFile): string[] {
  return [...new Set(measuredLevels(run).filter((l) => l.mode === 'lmi').map((l) => variantLabel(l)))];
}

export function hasCosts(run: RunFile): boolean {
  return measuredLevels(run).some((level) => level.cost !== undefined);
}
