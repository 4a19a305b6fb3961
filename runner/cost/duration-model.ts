/**
 * The standard Lambda duration a handler would have on AWS, from what this machine measured.
 * Two things differ here: every environment gets a whole core (AWS gives a memory-sized share
 * of one: 1,769 MB = 1 vCPU), and environments wait for this machine's few cores (on AWS each
 * has its own share, whatever the concurrency). So the run-queue wait is dropped and the CPU
 * time is stretched by the share:
 *
 *   modelled = offCpu + cpu × max(1, 1769 / memoryMb),  offCpu = wall − cpu − runQueue
 *
 * The stretch stops at 1: a single-threaded handler never runs faster than one vCPU, however
 * much memory (and vCPUs) it has. On `--target aws` nothing is modelled: the Duration that
 * CloudWatch reports is what AWS bills. Pure.
 */
import type { TargetKind } from '../domain.ts';
import type { DurationModel, MeasuredAccounting } from '../run/run-file.ts';
import { lambdaVcpuShare } from '../capacity/lambda-cpu-share.ts';

export type { DurationModel, MeasuredAccounting };


/** offCpu + cpu × max(1, 1769 / memoryMb). */
export function modelledDurationMs(input: { offCpuMs: number; cpuMs: number; memoryMb: number }): number {
  if (!(input.memoryMb > 0)) throw new RangeError(`memory must be > 0 MB, got ${input.memoryMb}`);
  return input.offCpuMs + input.cpuMs / lambdaVcpuShare(input.memoryMb);
}

/** The model from this machine's accounting. */
export function localDurationModel(accounting: MeasuredAccounting, memoryMb: number): DurationModel {
  const cpuMeanMs = Math.max(0, accounting.cpuMeanMs);
  const runQueueMeanMs = Math.max(0, accounting.runQueueMeanMs);
  // Clock and accounting granularity can leave a hair below zero for a handler that never waits.
  const offCpuMeanMs = Math.max(0, accounting.wallMeanMs - cpuMeanMs - runQueueMeanMs);
  return {
    source: 'local-model',
    memoryMb,
    vcpuShare: lambdaVcpuShare(memoryMb),
    measuredMeanMs: accounting.wallMeanMs,
    cpuMeanMs,
    runQueueMeanMs,
    offCpuMeanMs,
    modelledMeanMs: modelledDurationMs({ offCpuMs: offCpuMeanMs, cpuMs: cpuMeanMs, memoryMb }),
    invocations: accounting.invocations,
  };
}

/** On AWS the reported Duration is the duration: nothing to model. */
export function cloudwatchDurationModel(meanDurationMs: number, invocations: number, memoryMb: number): DurationModel {
  return {
    source: 'cloudwatch',
    memoryMb,
    vcpuShare: lambdaVcpuShare(memoryMb),
    measuredMeanMs: meanDurationMs,
    cpuMeanMs: null,
    runQueueMeanMs: null,
    offCpuMeanMs: null,
    modelledMeanMs: meanDurationMs,
    invocations,
  };
}

/**
 * The duration model of one standard Lambda level: modelled on the local target when the
 * engine's accounting is there, CloudWatch's on AWS; null when neither applies (a run file from
 * before the accounting existed, or a level CloudWatch had no Duration for).
 */
export function durationModelFor(
  level: { memoryMb: number; accounting: MeasuredAccounting | undefined; cloudwatchMeanMs: number | undefined; invocations: number },
  target: TargetKind,
): DurationModel | null {
  if (target === 'aws') return level.cloudwatchMeanMs === undefined ? null : cloudwatchDurationModel(level.cloudwatchMeanMs, level.invocations, level.memoryMb);
  return level.accounting && level.accounting.invocations > 0 ? localDurationModel(level.accounting, level.memoryMb) : null;
}
