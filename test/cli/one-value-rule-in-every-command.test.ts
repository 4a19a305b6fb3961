// test-lane: concurrent: asserts refusals.
// The value rules are the same in every command because every command reads its flags through
// the one reader: an architecture alias, a region and a number with an exponent get the same
// answer from bench, cost and deploy, in-process and through the real CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { readFlags, type FlagSet } from '../../runner/cli/flag-reader.ts';
import { benchFlags } from '../../runner/cli/commands/bench-flags.ts';
import { lambdaFlags } from '../../runner/cli/commands/cost-lambda.ts';
import { lmiFlags } from '../../runner/cli/commands/cost-lmi.ts';
import { crossoverFlags } from '../../runner/cli/commands/cost-crossover.ts';
import { deployFlags } from '../../runner/cli/commands/deploy.ts';
import { destroyFlags } from '../../runner/cli/commands/destroy.ts';
import { UsageError } from '../../runner/errors.ts';
import { cleanEnv, repoRoot, runProcess } from './spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const root = testTempDir('lmi-bench-value-rule-');
test.after(() => rmSync(root, { recursive: true, force: true }));

/** The value one flag set reads for `--name raw`, or the UsageError message it refuses it with. */
function read(flags: FlagSet, name: string, raw: string): unknown {
  try {
    const line = readFlags([`--${name}`, raw], flags, { env: {}, cwd: root });
    assert.equal(line.help, false);
    return (line.values as Record<string, unknown>)[name];
  } catch (error) {
    if (error instanceof UsageError) return `refused: ${error.message}`;
    throw error;
  }
}

const withArch = { bench: benchFlags, 'cost lambda': lambdaFlags, 'cost crossover': crossoverFlags, deploy: deployFlags };
const withRegion = { ...withArch, 'cost lmi': lmiFlags, destroy: destroyFlags };
const withDiscount = { bench: benchFlags, 'cost lmi': lmiFlags, 'cost crossover': crossoverFlags, deploy: deployFlags };

test('--arch aliases mean the same architecture in every command', () => {
  for (const [raw, expected] of [['amd64', 'x86_64'], ['x86_64', 'x86_64'], ['AARCH64', 'arm64'], ['arm64', 'arm64']] as const) {
    for (const [command, flags] of Object.entries(withArch)) assert.equal(read(flags, 'arch', raw), expected, `${command} --arch ${raw}`);
  }
  for (const [command, flags] of Object.entries(withArch)) {
    assert.equal(read(flags, 'arch', 'sparc'), "refused: --arch must be x86_64 or arm64 (or amd64, aarch64), got 'sparc'", command);
  }
});

test('--region is checked alike in every command', () => {
  for (const [command, flags] of Object.entries(withRegion)) {
    assert.equal(read(flags, 'region', 'eu-west-1'), 'eu-west-1', command);
    assert.match(String(read(flags, 'region', 'us-esat-1')), /^refused: --region: unknown AWS region 'us-esat-1' \(did you mean us-east-1/, command);
    assert.equal(read(flags, 'region', 'mars'), "refused: --region must be an AWS region code like us-east-1, got 'mars'", command);
  }
});

test('a number with an exponent is refused in every command, a plain one accepted', () => {
  for (const [command, flags] of Object.entries(withDiscount)) {
    assert.equal(read(flags, 'lmi-discount', '0.25'), 0.25, command);
    assert.equal(read(flags, 'lmi-discount', '25e-2'), "refused: --lmi-discount must be a number from 0 to 0.72, got '25e-2'", command);
    // The single discount of old is refused alike everywhere, naming the two that replace it.
    assert.match(String(read(flags, 'discount', '0.25')), /^refused: --discount is gone: use --lmi-discount/, command);
  }
  assert.equal(read(lambdaFlags, 'requests', '1e8'), "refused: --requests must be a whole number greater than 0, got '1e8'");
  assert.match(String(read(benchFlags, 'duration', '1e3')), /^refused: --duration must be a number of seconds greater than 0.*, got '1e3'$/);
});

test('the real CLI gives the same answers: bench and cost take amd64, bench, cost and deploy refuse 25e-2 with one line', async () => {
  const bin = `${repoRoot}bin/lmi-bench.mjs`;
  const cli = (args: string[]): ReturnType<typeof runProcess> => runProcess(process.execPath, [bin, ...args], { env: cleanEnv({ HOME: root }) });
  const costLambda = (arch: string): string[] => ['cost', 'lambda', '--arch', arch, '--requests', '1000000', '--duration-ms', '100', '--memory-mb', '1024', '--offline'];
  const [bench, cost, costX86, costArm, ...refusals] = await Promise.all([
    cli(['bench', '--arch', 'amd64', '--instance-type', 'm7i.xlarge', '--plan-only', '--out', join(root, 'r')]),
    cli(costLambda('amd64')),
    cli(costLambda('x86_64')),
    cli(costLambda('arm64')),
    cli(['bench', '--lmi-discount', '25e-2', '--plan-only', '--out', join(root, 'r')]),
    cli(['cost', 'lmi', '--lmi-discount', '25e-2', '--instance-type', 'm7g.xlarge', '--instances', '1', '--hours', '1', '--requests', '1', '--offline']),
    cli(['deploy', '--lmi-discount', '25e-2']),
  ]);
  assert.equal(bench?.code, 0, bench?.stderr);
  assert.equal((JSON.parse(bench?.stdout ?? '') as { lambda: { architecture: string } }).lambda.architecture, 'x86_64');
  assert.equal(cost?.code, 0, cost?.stderr);
  assert.equal(cost?.stdout, costX86?.stdout, 'cost lambda --arch amd64 prices as x86_64');
  assert.notEqual(cost?.stdout, costArm?.stdout, 'arm64 is priced differently');
  for (const refused of refusals) {
    assert.equal(refused.code, 2, refused.stderr);
    assert.equal(refused.stderr, "lmi-bench: --lmi-discount must be a number from 0 to 0.72, got '25e-2'\n");
  }
});
