// test-lane: concurrent: asserts modelled prices of a what-if.
/**
 * A what-if through the real CLI, with no AWS account: it prints the monthly comparison and
 * writes the figures as JSON (data only: the decision is an enum, the sentences are the terminal's); Lambda is $90.00 a month
 * (6,000,000 GB-s on arm64 + 50M requests). Bad input is one line and exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../cost/helpers/cli.ts';
import { testTempDir } from '../temp-dir.ts';

test('advise what-if: exit 0, a monthly comparison on stdout, and the JSON fields', async () => {
  const dir = testTempDir('lmi-bench-advise-');
  const file = join(dir, 'advice.json');
  const result = await runCli(['advise', '--requests-per-month', '50000000', '--duration-ms', '120', '--memory-mb', '1024', '--cpu-ms', '10', '--arch', 'arm64', '--instance-type', 'm7g.xlarge', '--offline', '--json', file]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^monthly cost\s+\$90\.00\s+\$[\d,.]+ /m);
  assert.match(result.stdout, /^verdict: Stay on standard Lambda/m);
  const advice = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown> & { lambda: { usdPerMonth: number }; lmi: { usdPerMonth: number; instances: number; instanceType: string }; risks: unknown[] };
  assert.equal(advice.lambda.usdPerMonth.toFixed(2), '90.00');
  assert.ok(advice.lmi.usdPerMonth > advice.lambda.usdPerMonth);
  assert.ok(Number.isInteger(advice.lmi.instances) && advice.lmi.instances >= 3);
  assert.equal(advice.lmi.instanceType, 'm7g.xlarge');
  assert.ok((advice['breakEvenRequestsPerSecond'] as number) > 0);
  assert.ok(Math.abs((advice['breakEvenRequestsPerMonth'] as number) - (advice['breakEvenRequestsPerSecond'] as number) * 3600 * 730) < 1);
  assert.equal(advice['decision'], 'lambda');
  assert.equal(advice['verdict'], undefined, 'the JSON holds figures, not sentences');
  assert.ok(Array.isArray(advice.risks) && advice.risks.length >= 4);
  // Written atomically: no temp file left beside it.
  assert.deepEqual(await readdir(dir), ['advice.json']);
});

test('advise: bad input is one line on stderr and exit 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['advise', '--rps', '10', '--memory-mb', '1024'], /needs --duration-ms and --memory-mb/],
    [['advise', '--rps', '10', '--duration-ms', '100', '--memory-mb', '64'], /--memory-mb must be a whole number from 128 to 10240/],
    [['advise', '--function', 'f', '--profile', 'constant:50'], /--profile names the AWS credentials profile now; give the traffic shape with --traffic constant:50/],
    [['advise', '--function', 'f', '--offline'], /needs AWS credentials and none were found .*--endpoint/],
    [['advise', '--rps', '10', '--traffic', 'constant:5', '--duration-ms', '100', '--memory-mb', '1024'], /give one traffic/],
    [['advise', '--all-functions', '--workload', 'io-bound'], /--workload names one function's handler; with --all-functions/],
    [['advise', '--rps', '10', '--duration-ms', '100', '--memory-mb', '1024', '--workload', './no-such-folder'], /workload folder not found: \.\/no-such-folder/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
});
