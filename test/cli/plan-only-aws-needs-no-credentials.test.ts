// test-lane: concurrent: asserts plans and estimates.
/**
 * `bench --target aws --plan-only` with no AWS credentials anywhere prints the plan,
 * its wall time and its spend estimate (from the price snapshot) and exits 0, warning past an
 * hour; the old `--profile constant:50` exits 2 naming --traffic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanEnv, planFromStdout, runBench } from './spawn-cli.ts';

const noCredentials = cleanEnv({ HOME: '/nonexistent-home', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent' });

test('aws --plan-only without credentials: the plan, its wall time and its spend estimate, exit 0', async () => {
  const result = await runBench(['--target', 'aws', '--plan-only', '--concurrency', '1,8', '--duration', '60'], { env: noCredentials });
  assert.equal(result.code, 0, result.stderr);
  const plan = planFromStdout(result.stdout) as { target: string; wallTime: { estimateMin: number }; awsSpend: { estimateUsd: number; capUsd: number; source: string } };
  assert.equal(plan.target, 'aws');
  assert.ok(plan.wallTime.estimateMin > 0);
  assert.ok(plan.awsSpend.estimateUsd > 0);
  assert.equal(plan.awsSpend.source, 'snapshot');
  assert.match(result.stderr, /wall time about [\d.]+ min/);
  assert.match(result.stderr, /^Estimated AWS cost of this run: \$[\d.]+/m);
});

test('the default aws plan is within the default spend cap: the run a user gets by default is not refused', async () => {
  const result = await runBench(['--target', 'aws', '--plan-only'], { env: noCredentials });
  assert.equal(result.code, 0, result.stderr);
  const { awsSpend } = planFromStdout(result.stdout) as { awsSpend: { estimateUsd: number; capUsd: number } };
  assert.ok(awsSpend.estimateUsd > 0 && awsSpend.estimateUsd <= awsSpend.capUsd, `estimate $${awsSpend.estimateUsd.toFixed(2)} against the cap $${awsSpend.capUsd}`);
  assert.doesNotMatch(result.stderr, /would be refused/);
});

test('a plan longer than an hour is warned about; a short local one is not', async () => {
  const long = await runBench(['--plan-only', '--concurrency', '1,2,4,8,16,32', '--duration', '300', '--trials', '3'], { env: noCredentials });
  assert.equal(long.code, 0, long.stderr);
  assert.match(long.stderr, /warning: this run takes about [\d.]+ h/);
  assert.ok(((planFromStdout(long.stdout) as { warnings?: string[] }).warnings ?? []).length >= 1);
  const short = await runBench(['--plan-only'], { env: noCredentials });
  assert.equal(short.code, 0, short.stderr);
  assert.doesNotMatch(short.stderr, /warning/);
});

test('bench --profile constant:50 exits 2 naming --traffic', async () => {
  const result = await runBench(['--profile', 'constant:50', '--plan-only'], { env: noCredentials });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--traffic constant:50/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
});
