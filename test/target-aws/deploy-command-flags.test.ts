// test-lane: concurrent: asserts calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const root = new URL('../../', import.meta.url).pathname;

for (const [argv, message] of [
  [['--front-door', 'cloudfront'], "lmi-bench: --front-door must be function-url or http-api, got 'cloudfront'\n"],
  [['--subnet-ids', 'subnet-0a1b2c3d'], 'lmi-bench: --subnet-ids and --security-group-ids go together\n'],
  [['--front-door'], 'lmi-bench: --front-door needs a value\n'],
] as const) {
  test(`lmi-bench deploy ${argv.join(' ')} is refused with one line, exit 2`, () => {
    const result = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'deploy', '--workload', 'io-bound', ...argv], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, message);
  });
}

test('lmi-bench destroy with both --run-id and --stack-name is refused', () => {
  const result = spawnSync(process.execPath, ['bin/lmi-bench.mjs', 'destroy', '--run-id', 'a', '--stack-name', 'b', '--yes'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'lmi-bench: destroy needs exactly one of --run-id ID or --stack-name NAME\n');
});
