// test-lane: concurrent, long: asserts findings.
// A Node handler keeping the request in a module-level object, read back after an
// await, is caught as cross-talk in every one of 5 seeded runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quick, runSafetyCliPerSeed, safetyFixtures } from './cli.ts';

test('module-level request state read after an await: cross-talk, exit 1, in each of 5 seeded runs', async () => {
  for (const { seed, run } of await runSafetyCliPerSeed([1, 2, 3, 4, 5], ['--workload', `${safetyFixtures}order-shared-state`, ...quick])) {
    assert.equal(run.code, 1, `seed ${seed}: ${run.stderr}`);
    const result = run.result;
    assert.ok(result, `seed ${seed}: a --json result`);
    assert.equal(result.seed, seed);
    const crossTalk = result.findings.filter((f) => f.oracle === 'cross-talk');
    assert.ok(crossTalk.length > 0, `seed ${seed}: cross-talk found`);
    for (const finding of crossTalk) {
      assert.equal(finding.severity, 'error');
      assert.ok(finding.requests.length >= 2, 'names the request and the one whose data it carries');
      assert.match(finding.evidence.join('\n'), /customer\.id = "cust-1042-[a-z2-9]{6}"/);
    }
    assert.match(run.stdout, new RegExp(`Seed \\*\\*${seed}\\*\\*`));
  }
});
