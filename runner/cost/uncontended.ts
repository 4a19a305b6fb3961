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

/**
 * LMI: CPU per request for sizing. The lone level's per-invocation accounting is the basis (its
 * environment CPU ÷ requests would count the idle environments' own CPU over a few requests);
 * but several invocations sharing one environment amortise work (one event loop, fewer wake-ups)
 * that a lone invocation cannot show, and this machine's contention only ever adds CPU. So the
 * lower of the two readings is the one closer to AWS's. contentionFactor = the level's own ÷ that
 * basis (below 1 when concurrency amortised more than contention added).
 */
export function uncontendedCpu(level: MeasuredLevel, alone: MeasuredLevel | undefined): { cpuSecondsPerRequest: number | null; contentionFactor: number | null } {
  const accounted = alone?.accounting && alone.accounting.invocations > 0 ? alone.accounting.cpuMeanMs / 1000 : null;
  const aloneCpu = accounted ?? alone?.cpuSecondsPerRequest ?? null;
  const own = level.cpuSecondsPerRequest;
  if (aloneCpu === null) return { cpuSecondsPerRequest: own, contentionFactor: null };
  return { cpuSecondsPerRequest: own === null ? aloneCpu : Math.min(own, aloneCpu), contentionFactor: own !== null && aloneCpu > 0 ? own / aloneCpu : null };
}
