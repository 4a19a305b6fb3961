// test-lane: concurrent: asserts parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStackOutputs } from '../../runner/target/aws/stack-outputs.ts';
import { planVariants } from '../../runner/plan/variants.ts';
import { UsageError } from '../../runner/errors.ts';
import { awsPlan, recordedOutputs } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

function write(content: unknown): string {
  const path = join(testTempDir('lmi-bench-outputs-'), 'outputs.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

test('reads every variant of the outputs file', async () => {
  const plan = await awsPlan(['--lmi-gib-per-vcpu', '2,4', '--lmi-memory', '4096']);
  const variants = planVariants(plan);
  const outputs = readStackOutputs(write(recordedOutputs(plan, variants)), 'lmi-bench-aws-test-1', 'io-bound', variants);
  assert.equal(outputs.frontDoor, 'function-url');
  // The default architecture is x86_64: the emulated type of its candidate set.
  assert.equal(outputs.instanceType, 'm7i.xlarge');
  assert.equal(outputs.instanceType, plan.lmi.instanceType);
  assert.equal(outputs.variants.size, 3);
  for (const variant of variants) {
    const out = outputs.variants.get(variant.id);
    assert.ok(out);
    assert.match(out.url, /^https:\/\//);
    assert.match(out.aliasArn, /:live$/);
    assert.equal(out.capacityProviderName !== undefined, variant.mode === 'lmi');
  }
});

test('a missing output or stack or a broken file is one clear UsageError', async () => {
  const plan = await awsPlan();
  const variants = planVariants(plan);
  const full = recordedOutputs(plan, variants);
  const stack = full['lmi-bench-aws-test-1'] as Record<string, string>;
  const { IoBoundLmiC64G2Url: _dropped, ...withoutUrl } = stack;
  assert.throws(
    () => readStackOutputs(write({ 'lmi-bench-aws-test-1': withoutUrl }), 'lmi-bench-aws-test-1', 'io-bound', variants),
    (e: unknown) => e instanceof UsageError && /has no output IoBoundLmiC64G2Url/.test(e.message),
  );
  assert.throws(() => readStackOutputs(write(full), 'lmi-bench-other', 'io-bound', variants), /has no outputs for stack lmi-bench-other/);
  assert.throws(() => readStackOutputs(write('{"truncated'), 'lmi-bench-aws-test-1', 'io-bound', variants), /cannot read the stack outputs/);
});
