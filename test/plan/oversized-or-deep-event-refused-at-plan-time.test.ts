// test-lane: concurrent: asserts refusals.
// An event Lambda would refuse (a body over 6 MiB) is refused while planning: before, the run
// measured every level with every request answered 413. An event nested 200,000 deep exited
// 70 (JSON.stringify overflowed the stack); it is now refused with the limit too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess, repoRoot } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const mib = 1024 * 1024;

test('a 7 MiB or 200,000-deep event is refused at plan time; a 5 MiB one is planned', { timeout: 120_000 }, async () => {
  const root = testTempDir('lmi-bench-big-event-');
  try {
    const big = join(root, 'big.json');
    writeFileSync(big, JSON.stringify({ blob: 'x'.repeat(7 * mib) }));
    // One byte over the limit: {"blob":"…"} is 11 bytes around the string.
    const justOver = join(root, 'just-over.json');
    writeFileSync(justOver, JSON.stringify({ blob: 'x'.repeat(6 * mib - 11 + 1) }));
    const fine = join(root, 'fine.json');
    writeFileSync(fine, JSON.stringify({ blob: 'x'.repeat(5 * mib) }));
    const deep = join(root, 'deep.json');
    writeFileSync(deep, `{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    const bigManifest = join(root, 'big-manifest');
    mkdirSync(join(bigManifest, 'node'), { recursive: true });
    writeFileSync(join(bigManifest, 'node', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200, body: "ok" });\n');
    writeFileSync(join(bigManifest, 'workload.json'), JSON.stringify({ name: 'big-event', kind: 'io', memoryMb: 256, event: { blob: 'x'.repeat(7 * mib) }, runtimes: { node: { handler: 'node/index.handler' } } }));
    const deepEvents = join(root, 'deep-events.json');
    writeFileSync(deepEvents, `[{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}]`);
    const out = join(root, 'results');

    const refused: Array<[string[], RegExp]> = [
      [['bench', '--event', `@${big}`, '--plan-only', '--out', out], /big\.json is 7,340,043 bytes as a request body: Lambda refuses requests over 6291456 bytes \(6 MiB\), so every request would fail with 413/],
      [['bench', '--event', `@${justOver}`, '--plan-only', '--out', out], /just-over\.json is 6,291,457 bytes as a request body/],
      [['bench', '--workload', bigManifest, '--plan-only', '--out', out], /the "event" of .*workload\.json is 7,340,043 bytes as a request body: Lambda refuses requests over 6291456 bytes \(6 MiB\), so every request would fail with 413/],
      [['bench', '--event', `@${deep}`, '--plan-only', '--out', out], /deep\.json nests 200001 levels deep \(at most 512/],
      [['safety', '--workload', 'io-bound', '--events', deepEvents, '--out', join(root, 'safety')], /--events .*deep-events\.json nests 100002 levels deep/],
    ];
    for (const [args, message] of refused) {
      const result = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, ...args]);
      const what = args.slice(0, 3).join(' ');
      assert.equal(result.code, 2, `${what}: exit ${result.code}\n${result.stderr.slice(0, 500)}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, `${what}: ${result.stderr.slice(0, 500)}`);
      assert.match(result.stderr, message, what);
    }
    const planned = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'bench', '--event', `@${fine}`, '--plan-only', '--out', out]);
    assert.equal(planned.code, 0, planned.stderr);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
