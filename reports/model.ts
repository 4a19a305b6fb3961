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
  return byMemory !== 0 ? byMemory : a.concurrency - b.concurrency;
}

export function sortedLevels(run: RunFile): LevelResult[] {
  return [...run.levels].sort(compareLevels);
}

export function measuredLevels(run: RunFile): MeasuredLevel[] {
  return sortedLevels(run).filter((level): level is MeasuredLevel => level.state === 'measured');
}

/** Stable key of one level, used to pick it in the distribution chart. */
export function levelKey(level: LevelResult): string {
  return `${variantLabel(level)} @ ${level.concurrency}`;
}

/** Labels of the LMI settings combinations that were measured (more than one = a sweep). */
export function lmiVariants(run: RunFile): string[] {
  return [...new Set(measuredLevels(run).filter((l) => l.mode === 'lmi').map((l) => variantLabel(l)))];
}

export function hasCosts(run: RunFile): boolean {
  return measuredLevels(run).some((level) => level.cost !== undefined);
}
