/**
 * Settings with reasons: advise caps max concurrency per environment by the workload's CPU share,
 * prices LMI's memory-to-vCPU ratios and keeps the cheapest, and states the latency it expects on
 * LMI, or says it cannot when CPU time is unknown.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../runner/advise/model.ts';
import { settingsTexts } from '../../runner/advise/words.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { options, snapshotPrices, whatIf } from './support.ts';

test('a 1.4 s CPU-bound resizer gets 1 request per vCPU, not the runtime default, with the reason and its expected latency', async () => {
  const prices = await snapshotPrices();
  // 1,769 MB is one full vCPU on standard Lambda: 1.4 s of which 1.35 s CPU.
  const resizer = advise(whatIf({ runtime: 'nodejs22.x', memoryMb: 1769, meanDurationMs: 1400, p99DurationMs: 2000, p50DurationMs: 1300, cpuMsPerRequest: 1350 }), constantProfile(20), options({ instanceType: undefined }), prices);
  const vcpus = Math.max(1, Math.floor(resizer.lmi.settings.memoryMb / 1024 / resizer.lmi.settings.gibPerVcpu));
  assert.equal(resizer.settingsWhy.maxConcurrency.kind, 'cpu-cap');
  assert.equal(resizer.lmi.settings.maxConcurrency, Math.ceil(vcpus / (1350 / 1400)));
  assert.ok(resizer.lmi.settings.maxConcurrency < 64 * vcpus);
  const [concurrency, ratio, latency] = settingsTexts(resizer);
  assert.match(concurrency ?? '', /not the runtime's default of \d+: each request spends about 96% of its time on CPU/);
  assert.equal(resizer.settingsWhy.gibPerVcpu.kind, 'cheapest-ratio');
  assert.match(ratio ?? '', /GiB per vCPU: the cheapest month of LMI's ratios at this CPU time \(2 GiB: \$[\d,.]+, 4 GiB: \$[\d,.]+, 8 GiB: \$[\d,.]+\)/);
  // Already a full vCPU on standard Lambda: the same time expected on LMI.
  assert.ok(resizer.latencyOnLmi.state === 'expected' && Math.abs(resizer.latencyOnLmi.meanMs - 1400) < 1e-6);
  assert.match(latency ?? '', /mean about 1,?400(\.0)? ms, p50 about 1,?300(\.0)? ms, p99 about 2,?000(\.0)? ms/);
});

test('an I/O-bound handler keeps the runtime default; a CPU part at 58% of a vCPU on Lambda runs faster on LMI', async () => {
  const prices = await snapshotPrices();
  const io = advise(whatIf({ runtime: 'nodejs22.x', meanDurationMs: 120, p99DurationMs: 300, cpuMsPerRequest: 1 }), constantProfile(20), options(), prices);
  assert.equal(io.settingsWhy.maxConcurrency.kind, 'runtime-default');
  // 1 CPU-ms took 1.73 ms at 1024/1769 of a vCPU: 119.27 ms on LMI instead of 120.
  assert.ok(io.latencyOnLmi.state === 'expected' && Math.abs(io.latencyOnLmi.meanMs - (120 - 1 / (1024 / 1769) + 1)) < 1e-6);
});

test('CPU time unknown: the latency on LMI is not predicted, and the text says how to get it', async () => {
  const prices = await snapshotPrices();
  const unknown = advise(whatIf({ cpuMsPerRequest: null }), constantProfile(20), options(), prices);
  assert.deepEqual(unknown.latencyOnLmi, { state: 'unknown', why: 'cpu-unknown' });
  assert.match(settingsTexts(unknown)[2] ?? '', /cannot be predicted without CPU time per request.*--cpu-ms/);
  assert.equal(unknown.settingsWhy.gibPerVcpu.kind, 'documented-default');
});
