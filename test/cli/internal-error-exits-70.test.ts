// test-lane: concurrent: asserts an exit code and message.
// A bug (here a TypeError thrown by a command) exits 70 with one "internal error … (please
// report)" line and no stack unless --debug or LMI_BENCH_DEBUG=1 asks for it; bad input and an
// AWS service error still exit 2 with their one line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cleanEnv, ownTypeScript, runProcess } from './spawn-cli.ts';

const child = fileURLToPath(new URL('./internal-error-child.ts', import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): ReturnType<typeof runProcess> {
  return runProcess(process.execPath, ['--import', ownTypeScript, child, ...args], { env });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

test('an internal error exits 70 with one line asking for a report', async () => {
  const result = await run(['explode', 'type-error']);
  assert.equal(result.code, 70, result.stderr);
  assert.deepEqual(lines(result.stderr).length, 1, result.stderr);
  assert.match(result.stderr, /^lmi-bench: internal error: .*Cannot read properties of undefined.* \(please report\)\n$/);
  assert.equal(result.stdout, '');
});

test('--debug and LMI_BENCH_DEBUG=1 add the stack of an internal error', async () => {
  const [flag, variable] = await Promise.all([run(['--debug', 'explode', 'type-error']), run(['explode', 'type-error'], cleanEnv({ LMI_BENCH_DEBUG: '1' }))]);
  for (const result of [flag, variable]) {
    assert.equal(result.code, 70, result.stderr);
    assert.match(lines(result.stderr)[0] ?? '', /^lmi-bench: internal error: /);
    assert.match(result.stderr, /\n\s+at .*internal-error-child\.ts/, 'the stack names the throwing file');
  }
});

test('bad input and an AWS service error still exit 2 with one line', async () => {
  const [usage, aws] = await Promise.all([run(['explode', 'usage']), run(['explode', 'aws'])]);
  assert.equal(usage.code, 2, usage.stderr);
  assert.equal(usage.stderr, 'lmi-bench: --thing must be a number, got x\n');
  assert.equal(aws.code, 2, aws.stderr);
  assert.equal(aws.stderr, 'lmi-bench: User is not authorized to perform: cloudformation:DescribeStacks\n');
});
