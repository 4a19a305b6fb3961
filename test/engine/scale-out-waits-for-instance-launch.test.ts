/**
 * Environments beyond what the running instances hold wait for their instance to launch (the
 * launch delay) before their INIT; with the delay at 0 they start at once, as before. The
 * capacity timeline shows the instances launching and the environments waiting for them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { CapacityPoint } from '../../runner/engine/protocol.ts';
import { lmiSpec, sendMany, waitFor } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

// 4096 MB at 2 GiB per vCPU is 2 vCPUs: one environment fills a c7g.large (2 vCPU, 4 GiB), so the
// 3 base instances hold the 3 minimum environments and every further one needs a new instance.
const shape = { memoryMb: 4096, gibPerVcpu: 2, maxConcurrency: 1, minEnvironments: 3, instanceType: 'c7g.large', scalerIntervalMs: 200, scaleInDelayMs: 600_000 };

/** Sends bursts beyond the slots until the scaler has asked for more environments. */
async function scaleOut(name: string, url: string): Promise<CapacityPoint[]> {
  for (let wave = 0; wave < 10; wave++) {
    await sendMany(url, 6, { delayMs: 300 });
    const state = await engine.client.state(name);
    if (state.timeline.some((p) => p.environments > 3)) return state.timeline;
  }
  assert.fail('the scaler never asked for more environments');
}

test('with a launch delay, environments on new instances start no sooner than the delay after the instance was launched', async () => {
  const launchDelayMs = 2500;
  const fn = await engine.client.deploy(lmiSpec('launch-delay', { ...shape, instanceLaunchDelayMs: launchDelayMs }));
  const timeline = await scaleOut('launch-delay', fn.url);
  const launched = timeline.find((p) => (p.instancesLaunching ?? 0) > 0);
  assert.ok(launched, 'the timeline shows an instance launching');
  assert.ok((launched.environmentsAwaitingInstance ?? 0) > 0, 'and the environments waiting for it');
  const settled = async (): Promise<boolean> => {
    const now = await engine.client.state('launch-delay');
    return now.timeline.at(-1)?.instancesLaunching === 0 && now.environments.length > 3 && now.environments.every((e) => e.state === 'ready');
  };
  assert.ok(await waitFor(settled, 20_000, 50), 'the waiting environments start once their instance runs');
  const state = await engine.client.state('launch-delay');
  const base = new Set(state.environments.slice().sort((a, b) => a.startedAtMs - b.startedAtMs).slice(0, 3).map((e) => e.id));
  for (const environment of state.environments.filter((e) => !base.has(e.id))) {
    assert.ok(environment.startedAtMs >= launched.atMs + launchDelayMs - 5, `started ${environment.startedAtMs - launched.atMs} ms after its instance was launched`);
  }
  // Once running, the timeline says so.
  assert.ok(state.timeline.some((p) => p.atMs >= launched.atMs + launchDelayMs - 5 && p.instancesLaunching === 0 && p.instances > 3 && p.environmentsAwaitingInstance === 0));
});

test('with the delay at 0, environments on new instances start at once', async () => {
  const fn = await engine.client.deploy(lmiSpec('no-launch-delay', shape));
  const timeline = await scaleOut('no-launch-delay', fn.url);
  assert.ok(timeline.every((p) => (p.instancesLaunching ?? 0) === 0), 'no instance is ever launching');
  const grown = timeline.find((p) => p.environments > 3);
  assert.ok(grown);
  const state = await engine.client.state('no-launch-delay');
  const late = state.environments.filter((e) => e.startedAtMs >= grown.atMs - 5);
  assert.ok(late.length > 0);
  for (const environment of late) assert.ok(environment.startedAtMs - grown.atMs < 1000, `started ${environment.startedAtMs - grown.atMs} ms after placement`);
});
