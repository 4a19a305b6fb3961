// test-lane: concurrent: asserts exit codes and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from './helpers/cli.ts';
import { testTempDir } from '../temp-dir.ts';

test('bad cost input → exit 2 and one clear line on stderr, nothing on stdout', async () => {
  const dir = testTempDir('lmi-bench-cost-bad-');
  const malformed = join(dir, 'run.json');
  await writeFile(malformed, '{ "schemaVersion": 1, "levels": [');
  const wrongVersion = join(dir, 'v9.json');
  await writeFile(wrongVersion, JSON.stringify({ schemaVersion: 9, runId: 'x', status: 'complete', levels: [] }));
  const lambda = ['cost', 'lambda', '--duration-ms', '120', '--memory-mb', '1536', '--offline'];
  const lmi = ['cost', 'lmi', '--instance-type', 'm7g.xlarge', '--instances', '3', '--hours', '10', '--offline'];
  // Values each flag accepts whose product no number can hold (1e308 itself is refused as an exponent).
  const huge = '9'.repeat(300);
  const cases: Array<{ args: string[]; says: RegExp }> = [
    { args: ['cost', 'lmi', '--instance-type', 'm7g.xlarge', '--instances', '9007199254740991', '--hours', huge, '--requests', '1', '--offline'], says: /the inputs are too large to price: ec2Usd, .*totalUsd.* would not be finite numbers/ },
    { args: ['cost', 'lambda', '--memory-mb', '10240', '--requests', '9007199254740991', '--duration-ms', huge, '--offline'], says: /the inputs are too large to price: computeUsd.* would not be finite numbers/ },
    { args: ['cost', 'lmi', '--instance-type', 'm7g.xlarge', '--instances', '1e308', '--hours', '1e308', '--requests', '1', '--offline'], says: /--instances must be a whole number greater than 0, got '1e308'/ },
    { args: [...lambda, '--requests', '-5'], says: /--requests must be a whole number greater than 0, got '-5'/ },
    { args: [...lambda, '--requests', '0'], says: /--requests must be .* greater than 0/ },
    { args: ['cost', 'lmi', '--instance-type', 'm7g.xlarge', '--instances', '3', '--offline', '--requests', '1000', '--hours', '0'], says: /--hours must be a number greater than 0/ },
    { args: [...lmi, '--requests', '1000', '--hours', '5'], says: /--hours is given twice/ },
    { args: ['cost', 'lmi', '--instance-type', 'm7g.xlarg', '--instances', '1', '--hours', '1', '--requests', '1', '--offline'], says: /unknown instance type 'm7g\.xlarg'.*did you mean m7g\.xlarge/ },
    { args: [...lambda, '--requests', '10', '--region', 'us-esat-1'], says: /unknown AWS region 'us-esat-1'.*us-east-1/ },
    { args: [...lmi, '--requests', '10', '--lmi-discount', '1.2'], says: /--lmi-discount must be a number from 0 to 0.72/ },
    { args: [...lmi, '--requests', '10', '--lmi-discount', '-0.1'], says: /--lmi-discount must be a number from 0 to 0.72/ },
    { args: ['cost', 'crossover', '--run', join(dir, 'missing.json'), '--offline'], says: /--run .*missing\.json not found/ },
    { args: ['cost', 'crossover', '--run', malformed, '--offline'], says: /not valid JSON/ },
    { args: ['cost', 'crossover', '--run', wrongVersion, '--offline'], says: /schemaVersion 9/ },
    { args: ['cost', 'crossover', '--offline'], says: /--run is required/ },
    { args: [...lambda, '--requests', '10', '--arch', 'sparc'], says: /--arch must be x86_64 or arm64/ },
    { args: [...lambda, '--requests', '10', '--bogus'], says: /unknown flag --bogus \(see --help\)/ },
  ];
  // Four processes at a time: each CLI start is mostly waiting on module loading.
  const results = new Array<Awaited<ReturnType<typeof runCli>>>(cases.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next++; i < cases.length; i = next++) {
        const c = cases[i];
        if (c) results[i] = await runCli(c.args);
      }
    }),
  );
  for (const [i, { args, says }] of cases.entries()) {
    const result = results[i];
    assert.ok(result);
    const what = args.slice(1).join(' ');
    assert.equal(result.code, 2, `${what}: exit ${result.code}`);
    assert.equal(result.stdout, '', `${what}: stdout must stay empty`);
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `${what}: one line expected, got:\n${result.stderr}`);
    assert.match(lines[0] ?? '', says, what);
    assert.doesNotMatch(result.stderr, /\bat .*\.ts:\d+/, `${what}: no stack trace`);
  }
});
