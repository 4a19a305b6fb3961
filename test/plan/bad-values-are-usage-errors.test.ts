// test-lane: concurrent: asserts refusals.
// Bad values beyond those the CLI test spawns for: each is one UsageError line, raised by
// parseBenchArgs before the results folder is touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../runner/errors.ts';
import { parseBenchArgs } from '../../runner/cli/commands/bench-flags.ts';
import { testTempDir } from '../temp-dir.ts';

const cases: Array<[string[], RegExp]> = [
  [['--workload', './no/such/dir'], /workload folder not found/],
  [['--concurrency', '1,,8'], /--concurrency .*empty/],
  [['--duration', '0'], /--duration must be a number of seconds greater than 0/],
  [['--duration', '1e3'], /--duration must be a number/],
  [['--warmup', '-1'], /--warmup must be a number from 0 to 3600/],
  // Trial and warm-up lengths are capped at an hour (runner/plan/defaults.ts says why).
  [['--duration', '1000000000'], /--duration must be a number of seconds greater than 0 and at most 3600, got '1000000000'/],
  [['--duration', '3600.5'], /--duration must be a number of seconds greater than 0 and at most 3600/],
  [['--warmup', '3601'], /--warmup must be a number from 0 to 3600, got '3601'/],
  [['--trials', '0'], /--trials must be a whole number from 1 to 100/],
  [['--idle-timeout', '0'], /--idle-timeout must be a number of seconds greater than 0/],
  [['--timeout', '901'], /--timeout must be a whole number from 1 to 900/],
  [['--memory', '64'], /--memory must be a whole number from 128 to 10240/],
  [['--lmi-gib-per-vcpu', '1'], /--lmi-gib-per-vcpu takes numbers from 2 to 8/],
  [['--lmi-gib-per-vcpu', '2,2'], /--lmi-gib-per-vcpu lists '2' twice/],
  [['--lmi-max-concurrency', '0'], /--lmi-max-concurrency takes whole numbers from 1 to 1600/],
  [['--lmi-gib-per-vcpu', '4', '--lmi-memory', '2048'], /gives 0.5 vCPU; an LMI environment needs at least 1 vCPU \(use --lmi-memory 4096 or more\)/],
  [['--lmi-memory', '32768', '--instance-type', 'm7g.xlarge'], /does not fit on m7g.xlarge \(16 GiB\)/],
  [['--lmi-min-environments', '3', '--max-vcpus', '2'], /--max-vcpus 2 is below the 3 vCPUs/],
  [['--arch', 'x86_64', '--instance-type', 'm7g.xlarge'], /--arch x86_64 does not match m7g.xlarge \(arm64\)/],
  [['--arch', 'sparc'], /--arch must be x86_64 or arm64/],
  [['--lmi-discount', '-0.1'], /--lmi-discount must be a number from 0 to 0.72/],
  [['--modes', 'lambda,ec2'], /--modes must be one of lambda, lmi/],
  [['--modes', 'lmi,lmi'], /--modes lists 'lmi' twice/],
  [['--event', '{not json'], /--event is not valid JSON/],
  [['--event', '[1,2]'], /--event must be a JSON object/],
  [['--event', '@no-such-file.json'], /--event file no-such-file.json cannot be read \(ENOENT\)/],
  [['--region', 'mars'], /--region must be an AWS region code/],
  [['--keep'], /--keep applies only to --target aws/],
  [['--max-spend', '3'], /--max-spend applies only to --target aws/],
  [['--run-id', '../escape'], /--run-id must be 1-128 letters/],
  [['--bogus'], /unknown flag --bogus/],
  [['--concurency', '8'], /unknown flag --concurency \(did you mean --concurrency\?\)/],
  [['--trials', '2', '--trials', '3'], /--trials is given twice/],
  [['--workload'], /--workload needs a value/],
  [['--offline=maybe'], /--offline takes no value/],
  [['io-bound', 'extra'], /unexpected argument 'extra'/],
];

test('each bad value is a one-line UsageError and the results folder stays untouched', async () => {
  const root = testTempDir('lmi-bench-bad-values-');
  try {
    for (const [args, message] of cases) {
      await assert.rejects(
        parseBenchArgs([...args, '--out', join(root, 'results')], {}, root),
        (error: unknown) => {
          assert.ok(error instanceof UsageError, `${args.join(' ')}: ${String(error)}`);
          assert.match(error.message, message, args.join(' '));
          assert.ok(!error.message.includes('\n'), `${args.join(' ')}: more than one line`);
          return true;
        },
      );
    }
    const aFile = join(root, 'a-file');
    writeFileSync(aFile, '');
    await assert.rejects(parseBenchArgs(['--out', aFile], {}, root), /is a file, not a folder/);
    assert.deepEqual(readdirSync(root), ['a-file']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
