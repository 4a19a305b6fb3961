/**
 * The readings that feed the cost model, taken while each variant's environments ran (nearly)
 * alone. On AWS every environment has its own CPU share whatever the concurrency; on this
 * machine many environments share a few cores, and CPU per request and off-CPU time both grow
 * with that contention (cache misses, scheduler and timer lateness), none of which AWS would
 * bill. So per variant the lowest level measured (lowest concurrency or rate) is the basis: its
 * CPU per request and off-CPU time feed the duration model and LMI sizing at every level, and
 * each level keeps its own contended readings beside them with the contention factor. On AWS
 * the levels' own readings are used: there is nothing to remove. Pure.
 */
import type { TargetKind } from '../domain.ts';
import type { DurationModel, MeasuredLevel } from '../run/run-file.ts';

/** A level's load: its rate when open loop, else its concurrency. */
function load(level: MeasuredLevel): number {
  return level.rate ?? level.concurrency;
}

/** Per variant id, its measured level of lowest load that served requests; none on AWS. */
export function uncontendedLevels(levels: readonly MeasuredLevel[], target: TargetKind): Map<string, MeasuredLevel> {
  const basis = new Map<string, MeasuredLevel>();
  if (target === 'aws') return basis;
  for (const level of levels) {
    if (!(level.requests.ok > 0)) continue;
    const best = basis.get(level.variantId);
    if (!best || load(level) < load(best)) basis.set(level.variantId, level);
  }
  return basis;
}

/**
 * A level's duration model fed with the lone level's CPU and off-CPU time; the level's own
 * model becomes the contended diagnostic. Both must be local models.
 */
export function uncontendedDurationModel(own: DurationModel, alone: DurationModel, aloneLevel: MeasuredLevel): DurationModel {
  if (own.source !== 'local-model' || alone.source !== 'local-model') return own;
  return {
    ...own,
    cpuMeanMs: alone.cpuMeanMs,
    runQueueMeanMs: alone.runQueueMeanMs,
    offCpuMeanMs: alone.offCpuMeanMs,
    modelledMeanMs: alone.modelledMeanMs,
    uncontendedFrom: { variantId: aloneLevel.variantId, concurrency: aloneLevel.concurrency, ...(aloneLevel.rate === undefined ? {} : { rate: aloneLevel.rate }) },
    contended: {
      cpuMeanMs: own.cpuMeanMs,
      offCpuMeanMs: own.offCpuMeanMs,
      runQueueMeanMs: own.runQueueMeanMs,
      modelledMeanMs: own.modelledMeanMs,
      contentionFactor: alone.modelledMeanMs > 0 ? own.modelledMeanMs / alone.modelledMeanMs : null,
    },
  };
}

/** LMI: CPU per request for sizing, from the lone level, and how much the level's own reading exceeds it. */
export function uncontendedCpu(level: MeasuredLevel, alone: MeasuredLevel | undefined): { cpuSecondsPerRequest: number | null; contentionFactor: number | null } {
  const aloneCpu = alone?.cpuSecondsPerRequest ?? null;
  if (aloneCpu === null) return { cpuSecondsPerRequest: level.cpuSecondsPerRequest, contentionFactor: null };
  const own = level.cpuSecondsPerRequest;
  return { cpuSecondsPerRequest: aloneCpu, contentionFactor: own !== null && aloneCpu > 0 ? own / aloneCpu : null };
}
