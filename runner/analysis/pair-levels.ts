/**
 * Which baseline level each candidate level is compared with: the same mode, settings and
 * concurrency. When a mode has exactly one settings variant left unmatched on each side (a
 * pull request that changes maxConcurrency, say), those two are paired: that change is what
 * the check is there to judge, and each row then says what changed.
 */
import type { LevelResult } from '../run/run-file.ts';
import type { VariantSettings } from '../domain.ts';

export interface LevelPair {
  baseline: LevelResult;
  candidate: LevelResult;
  /** e.g. `maxConcurrency 16 → 2`, when the settings differ. */
  settingsChange?: string;
}

export interface Pairing {
  pairs: LevelPair[];
  /** Levels present in one run only, described for the report. */
  unmatched: string[];
}

function settingsKey(level: LevelResult): string {
  const s = level.settings;
  return `${level.mode}|${s.memoryMb}|${s.maxConcurrency ?? ''}|${s.gibPerVcpu ?? ''}`;
}

function describeChange(from: VariantSettings, to: VariantSettings): string {
  const names: Array<keyof VariantSettings> = ['memoryMb', 'maxConcurrency', 'gibPerVcpu'];
  return names
    .filter((name) => from[name] !== to[name])
    .map((name) => `${name} ${from[name] ?? '—'} → ${to[name] ?? '—'}`)
    .join(', ');
}

function groupBySettings(levels: LevelResult[]): Map<string, LevelResult[]> {
  const groups = new Map<string, LevelResult[]>();
  for (const level of levels) {
    const key = settingsKey(level);
    groups.set(key, [...(groups.get(key) ?? []), level]);
  }
  return groups;
}

export function pairLevels(baselineLevels: LevelResult[], candidateLevels: LevelResult[]): Pairing {
  const baseline = groupBySettings(baselineLevels);
  const candidate = groupBySettings(candidateLevels);
  const variantPairs: Array<{ base: LevelResult[]; cand: LevelResult[] }> = [];
  for (const [key, levels] of candidate) {
    const base = baseline.get(key);
    if (!base) continue;
    variantPairs.push({ base, cand: levels });
    baseline.delete(key);
    candidate.delete(key);
  }
  for (const mode of ['lambda', 'lmi'] as const) {
    const base = [...baseline.entries()].filter(([, levels]) => levels[0]?.mode === mode);
    const cand = [...candidate.entries()].filter(([, levels]) => levels[0]?.mode === mode);
    const [onlyBase] = base;
    const [onlyCand] = cand;
    if (base.length === 1 && cand.length === 1 && onlyBase && onlyCand) {
      variantPairs.push({ base: onlyBase[1], cand: onlyCand[1] });
      baseline.delete(onlyBase[0]);
      candidate.delete(onlyCand[0]);
    }
  }

  const pairs: LevelPair[] = [];
  const unmatched: string[] = [];
  for (const { base, cand } of variantPairs) {
    for (const level of cand) {
      const match = base.find((b) => b.concurrency === level.concurrency);
      if (!match) {
        unmatched.push(`candidate only: ${level.variantId} at concurrency ${level.concurrency}`);
        continue;
      }
      const change = describeChange(match.settings, level.settings);
      pairs.push({ baseline: match, candidate: level, ...(change ? { settingsChange: change } : {}) });
    }
    for (const level of base) {
      if (!cand.some((c) => c.concurrency === level.concurrency)) unmatched.push(`baseline only: ${level.variantId} at concurrency ${level.concurrency}`);
    }
  }
  for (const levels of baseline.values()) for (const level of levels) unmatched.push(`baseline only: ${level.variantId} at concurrency ${level.concurrency}`);
  for (const levels of candidate.values()) for (const level of levels) unmatched.push(`candidate only: ${level.variantId} at concurrency ${level.concurrency}`);
  return { pairs, unmatched };
}
