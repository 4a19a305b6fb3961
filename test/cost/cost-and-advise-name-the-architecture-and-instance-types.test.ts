// test-lane: concurrent: asserts exit codes and the text and JSON the CLI prints (offline, no engine), never a time.
/**
 * `cost lmi`, `cost crossover`, `cost --list-instance-types` and advise each say which
 * architecture and LMI instance types they priced over, and which flag changes them, as bench
 * does: x86_64 and the architecture's m/c/r set by default, the same set everywhere.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './helpers/cli.ts';
import { sampleRun } from './helpers/run.ts';
import { candidateInstanceTypes } from '../../runner/pricing/instance-types.ts';
import { testTempDir } from '../temp-dir.ts';

interface ChoiceJson {
  instanceChoice: { architecture: string; kind: string; instanceTypes: string[]; summary: string };
}

const x86Default = /^x86_64, instance types considered: m6a, .* \(66 types, the cheapest fleet at each rate; change with --arch arm64, --instance-types LIST or --instance-type TYPE\)$/;

test('cost lmi: the what-if names the default x86_64 set; a fixed fleet names its pinned type', async () => {
  const whatIf = await runCli(['cost', 'lmi', '--rps', '100', '--cpu-ms', '10', '--duration-ms', '100', '--offline']);
  assert.equal(whatIf.code, 0, whatIf.stderr);
  const choice = (JSON.parse(whatIf.stdout) as ChoiceJson).instanceChoice;
  assert.equal(choice.architecture, 'x86_64');
  assert.equal(choice.kind, 'architecture-set');
  assert.deepEqual(choice.instanceTypes, candidateInstanceTypes('x86_64'));
  assert.match(choice.summary, x86Default);

  const arm = await runCli(['cost', 'lmi', '--rps', '100', '--cpu-ms', '10', '--duration-ms', '100', '--arch', 'arm64', '--offline']);
  assert.match((JSON.parse(arm.stdout) as ChoiceJson).instanceChoice.summary, /^arm64, instance types considered: .*\(33 types, the cheapest fleet at each rate; change with --arch x86_64,/);

  const fixed = await runCli(['cost', 'lmi', '--instance-type', 'm7g.xlarge', '--instances', '1', '--hours', '10', '--requests', '1000', '--offline']);
  assert.equal(fixed.code, 0, fixed.stderr);
  const pinned = (JSON.parse(fixed.stdout) as ChoiceJson).instanceChoice;
  assert.deepEqual([pinned.architecture, pinned.kind, pinned.instanceTypes], ['arm64', 'pinned', ['m7g.xlarge']]);
  assert.match(pinned.summary, /^arm64, instance types considered: m7g\.xlarge \(1 type, pinned by --instance-type TYPE/);
});

test('cost crossover names what it priced over, and a narrowing flag is named as such', async () => {
  const dir = testTempDir('lmi-bench-cost-choice-');
  const run = sampleRun();
  run.plan.lmi = { ...run.plan.lmi, instanceType: 'm7i.xlarge', instancePinned: false, instanceTypes: candidateInstanceTypes('x86_64') };
  await writeFile(join(dir, 'run.json'), JSON.stringify(run));
  const whole = await runCli(['cost', 'crossover', '--run', join(dir, 'run.json'), '--offline']);
  assert.equal(whole.code, 0, whole.stderr);
  assert.match((JSON.parse(whole.stdout) as ChoiceJson).instanceChoice.summary, x86Default);
  const narrowed = await runCli(['cost', 'crossover', '--run', join(dir, 'run.json'), '--instance-types', 'm7i.xlarge,c7i.xlarge', '--offline']);
  assert.equal(narrowed.code, 0, narrowed.stderr);
  const choice = (JSON.parse(narrowed.stdout) as ChoiceJson).instanceChoice;
  assert.equal(choice.kind, 'narrowed');
  assert.match(choice.summary, /^x86_64, instance types considered: c7i, m7i in xlarge \(2 types, narrowed by --instance-types;/);
});

test('cost --list-instance-types ends with the set priced on by default, or with the --arch given', async () => {
  const table = await runCli(['cost', '--list-instance-types', '--offline']);
  assert.equal(table.code, 0, table.stderr);
  const line = table.stdout.split('\n').find((l) => l.startsWith('priced on by default: '));
  assert.match(line?.slice('priced on by default: '.length) ?? '(missing)', x86Default);
  const arm = await runCli(['cost', '--list-instance-types', '--arch', 'arm64', '--json', '--offline']);
  assert.match((JSON.parse(arm.stdout) as ChoiceJson).instanceChoice.summary, /^arm64, instance types considered: m6g, m7g, m8g, r6g, r7g, r8g in large, xlarge, 2xlarge, 4xlarge; c6g, c7g, c8g in xlarge, 2xlarge, 4xlarge \(33 types/);
});

test('advise names the same default set, in the terminal and in --json', async () => {
  const dir = testTempDir('lmi-bench-advise-choice-');
  const result = await runCli(['advise', '--requests-per-month', '50000000', '--duration-ms', '120', '--memory-mb', '1024', '--offline', '--json', join(dir, 'advice.json')]);
  assert.equal(result.code, 0, result.stderr);
  const line = result.stdout.split('\n').find((l) => l.startsWith('priced on: '));
  assert.match(line?.slice('priced on: '.length) ?? '(missing)', x86Default);
});
