import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { handlerLogCapBytes } from '../../runner/engine/handler-log.ts';
import { processRssBytes } from '../../runner/engine/proc-stats.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { engineAlive, faultDir, runFaultLevel } from './fault-level.ts';
import { lmiSpec, standardSpec } from './support.ts';

let engine: EngineHandle;
before(async () => {
  engine = await startEngine();
});
after(() => engine.stop());

for (const runtime of ['node', 'python'] as const) {
  test(`${runtime}: 2 MB of output per request goes to the environment's log, capped, never into the engine's memory`, async () => {
    const healthy = await engine.client.deploy(standardSpec(`healthy-${runtime}`));
    const fn = await engine.client.deploy(lmiSpec(`chatty-${runtime}`, { minEnvironments: 1, maxConcurrency: 2 }, { runtime, workloadDir: faultDir('chatty') }));
    const rssBefore = processRssBytes(engine.pid) ?? 0;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, processRssBytes(engine.pid) ?? 0)), 50);
    const level = await runFaultLevel(fn.url, healthy.url, { durationMs: 2500 });
    clearInterval(sampler);

    const printedMb = level.faultReplies.length * 2;
    assert.ok(printedMb > 2 * (handlerLogCapBytes / 1048576), `the handler printed well past the cap (${printedMb} MB)`);
    const failed = level.faultReplies.filter((r) => r.status !== 200 || r.body !== 'printed');
    assert.equal(failed.length, 0, `printing never fails the invocation: ${failed.length} of ${level.faultReplies.length} failed, first ${failed[0]?.status} ${failed[0]?.body.slice(0, 300)}`);
    assert.ok(level.healthy.length > 10);
    assert.ok(level.healthy.every((r) => !(r instanceof Error) && r.status === 200), 'the other function kept answering');
    assert.ok(await engineAlive(engine, healthy.name), 'the engine is alive');

    const growthMb = (rssPeak - rssBefore) / 1048576;
    assert.ok(growthMb < printedMb / 2 && growthMb < 256, `the engine grew ${growthMb.toFixed(0)} MB while the handler printed ${printedMb} MB`);

    const [environment] = (await engine.client.state(fn.name)).environments;
    assert.ok(environment?.logPath, 'the environment names its log file');
    const size = statSync(environment.logPath).size;
    assert.ok(size <= handlerLogCapBytes + 200, `the log (${size} bytes) stays within its cap of ${handlerLogCapBytes}`);
    assert.ok(size > handlerLogCapBytes / 2, 'the log holds the output up to the cap');
    assert.ok(readFileSync(environment.logPath, 'utf8').endsWith('further output is dropped\n'), 'the log says it was capped');
    process.stderr.write(`${runtime}: ${level.faultReplies.length} requests printed ${printedMb} MB; engine RSS +${growthMb.toFixed(0)} MB; log ${size} bytes\n`);
    await engine.client.remove(fn.name);
    await engine.client.remove(healthy.name);
  });
}
