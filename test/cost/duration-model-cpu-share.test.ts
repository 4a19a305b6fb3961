// The modelled AWS duration: off-CPU wait kept, run-queue wait dropped, CPU time stretched by
// the memory's vCPU share (1,769 MB = 1 vCPU), never faster than one vCPU; on AWS, CloudWatch's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { durationModelFor, localDurationModel, modelledDurationMs } from '../../runner/cost/duration-model.ts';

test('CPU time is stretched by 1769 / memory below 1,769 MB and not at all above it', () => {
  assert.equal(modelledDurationMs({ offCpuMs: 40, cpuMs: 15, memoryMb: 1769 }), 55);
  assert.equal(modelledDurationMs({ offCpuMs: 40, cpuMs: 15, memoryMb: 10240 }), 55, 'a single-threaded handler is capped at one vCPU');
  assert.ok(Math.abs(modelledDurationMs({ offCpuMs: 40, cpuMs: 15, memoryMb: 512 }) - (40 + (15 * 1769) / 512)) < 1e-9);
  assert.ok(Math.abs(modelledDurationMs({ offCpuMs: 0, cpuMs: 10, memoryMb: 128 }) - 138.203125) < 1e-9);
});

test("the local model drops the run-queue wait: contention for this machine's cores costs nothing on AWS", () => {
  const quiet = localDurationModel({ invocations: 100, wallMeanMs: 55, cpuMeanMs: 15, runQueueMeanMs: 0 }, 512);
  const contended = localDurationModel({ invocations: 100, wallMeanMs: 255, cpuMeanMs: 15, runQueueMeanMs: 200 }, 512);
  assert.equal(quiet.offCpuMeanMs, 40);
  assert.equal(contended.offCpuMeanMs, 40);
  assert.equal(contended.modelledMeanMs, quiet.modelledMeanMs);
  assert.equal(quiet.source, 'local-model');
  assert.ok(Math.abs(quiet.vcpuShare - 512 / 1769) < 1e-12);
  assert.equal(quiet.measuredMeanMs, 55);
  // Accounting granularity may leave wall a hair below CPU + run-queue: the wait is then 0, not negative.
  assert.equal(localDurationModel({ invocations: 1, wallMeanMs: 9.99, cpuMeanMs: 10, runQueueMeanMs: 0 }, 1769).offCpuMeanMs, 0);
});

test('on AWS the CloudWatch Duration is the duration; a local run without accounting has no model', () => {
  const aws = durationModelFor({ memoryMb: 512, accounting: undefined, cloudwatchMeanMs: 92, invocations: 10 }, 'aws');
  assert.equal(aws?.source, 'cloudwatch');
  assert.equal(aws?.modelledMeanMs, 92);
  assert.equal(aws?.cpuMeanMs, null);
  assert.equal(durationModelFor({ memoryMb: 512, accounting: undefined, cloudwatchMeanMs: 60, invocations: 10 }, 'local'), null);
  const local = durationModelFor({ memoryMb: 512, accounting: { invocations: 5, wallMeanMs: 55, cpuMeanMs: 15, runQueueMeanMs: 0 }, cloudwatchMeanMs: 60, invocations: 5 }, 'local');
  assert.equal(local?.source, 'local-model');
});
