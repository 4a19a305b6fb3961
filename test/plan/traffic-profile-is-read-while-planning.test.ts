// test-lane: concurrent: asserts plans.
// --traffic is read and validated with the plan (a CSV file included), so a bad profile fails
// before anything runs, and run.json keeps the spec rather than the per-minute data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempPlanner } from './plan-in-temp-dir.ts';
import { planToJson } from '../../runner/run/plan-json.ts';
import { UsageError } from '../../runner/errors.ts';

const { root, plan } = tempPlanner('profile');

test('a diurnal profile and a CSV profile become the plan’s traffic; run.json keeps the spec', async () => {
  const diurnal = await plan(['--traffic', 'diurnal:300:20']);
  assert.equal(diurnal.traffic?.spec, 'diurnal:300:20');
  assert.equal(planToJson(diurnal)['traffic'], 'diurnal:300:20');

  writeFileSync(join(root, 'traffic.csv'), 'minute,requests\n2026-11-01T00:00:00Z,600\n2026-11-01T00:01:00Z,1200\n');
  const csv = await plan(['--traffic', 'csv:traffic.csv']);
  assert.equal(csv.traffic?.spec, 'csv:traffic.csv');
  assert.deepEqual(csv.traffic?.traffic.minuteRequests, [600, 1200]);
  assert.equal(planToJson(csv)['traffic'], 'csv:traffic.csv');

  assert.equal((await plan([])).traffic, undefined);
});

test('a malformed profile, a bad rate or a missing CSV is a UsageError', async () => {
  await assert.rejects(plan(['--traffic', 'weekly:3']), UsageError);
  await assert.rejects(plan(['--traffic', 'constant:abc']), /'abc' is not a request rate/);
  await assert.rejects(plan(['--traffic', 'csv:missing.csv']), /profile CSV 'missing.csv' cannot be read \(ENOENT\)/);
});

test('--profile is the AWS credentials profile; the old --profile constant:50 is refused naming --traffic', async () => {
  assert.equal((await plan(['--profile', 'my-sso'])).awsProfile, 'my-sso');
  await assert.rejects(plan(['--profile', 'constant:50']), (error: unknown) => error instanceof UsageError && /give the traffic shape with --traffic constant:50/.test(error.message));
});
