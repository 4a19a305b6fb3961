// test-lane: concurrent: asserts exit codes and messages.
// run.json has one reader: report, check, baseline save and cost crossover refuse the same
// malformed file with the same line, naming the file and the field; a saved plan missing a
// field is named by the plan's own reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRunFixture } from '../fixtures/reports/build-run.ts';
import { readPlanJson } from '../../runner/run/plan-json.ts';
import { readRunFile } from '../../runner/run/read-run.ts';
import { UsageError } from '../../runner/errors.ts';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const root = testTempDir('lmi-bench-one-reader-');
test.after(() => rmSync(root, { recursive: true, force: true }));

function runFolder(name: string, run: unknown): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  return dir;
}

test('report, check, baseline and cost crossover name the same file and field for the same bad run', async () => {
  const good = runFolder('good', buildRunFixture({ trials: 1, samplesPerTrial: 20 }));
  const bad = buildRunFixture({ trials: 1, samplesPerTrial: 20 }) as unknown as { levels: Array<Record<string, unknown>> };
  bad.levels[1] = { ...bad.levels[1], mode: 'ec2' };
  const badDir = runFolder('bad', bad);
  const expected = `lmi-bench: ${join(badDir, 'run.json')} is not a valid lmi-bench run: levels[1].mode must be lambda or lmi\n`;
  const cli = (args: string[]): ReturnType<typeof runProcess> => runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, ...args], { env: cleanEnv({ HOME: root }) });
  const results = await Promise.all([
    cli(['report', badDir]),
    cli(['check', '--baseline', good, '--candidate', badDir]),
    cli(['baseline', 'save', '--run', badDir, '--to', join(root, 'b.json')]),
    cli(['cost', 'crossover', '--run', badDir, '--offline']),
  ]);
  for (const [i, result] of results.entries()) {
    assert.equal(result.code, 2, `command ${i}: ${result.stderr}`);
    assert.equal(result.stderr, expected, `command ${i}`);
  }
});

test('the saved plan is read through its own type: a missing field is named with the file', () => {
  const run = buildRunFixture({ trials: 1, samplesPerTrial: 20 });
  const dir = runFolder('plan-without-instance-type', { ...run, plan: { ...run.plan, lmi: { ...run.plan.lmi, instanceType: undefined } } });
  const read = readRunFile(dir);
  assert.throws(
    () => readPlanJson(read.plan, join(dir, 'run.json')),
    (error: unknown) => error instanceof UsageError && error.message === `${join(dir, 'run.json')}: the saved plan has no lmi.instanceType`,
  );
  assert.equal(readPlanJson(run.plan, 'run.json').lmi.instanceType, 'm7g.xlarge');
});
