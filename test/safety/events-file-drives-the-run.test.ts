// test-lane: concurrent: asserts findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSafetyCli, safetyFixtures, tempDir } from './cli.ts';

const customers = ['Mary Jackson', 'Dorothy Vaughan', 'Annie Easley', 'Christine Darden'];

test('--events FILE (JSON lines): those events are sent, and cross-talk is shown in their values', async () => {
  const lines = customers.map((name, i) =>
    JSON.stringify({ customer: { id: `cust-${5100 + i}`, name, email: `c${i}@example.org` }, currency: 'USD', items: [{ sku: `kit-${i}`, quantity: 1, unitPrice: 10 + i }] }),
  );
  const file = join(tempDir('safety-events'), 'orders.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const run = await runSafetyCli(['--workload', `${safetyFixtures}order-shared-state`, '--events', file, '--concurrency', '4', '--rounds', '2', '--seed', '5']);
  assert.equal(run.code, 1, run.stderr);
  const result = run.result;
  assert.ok(result);
  assert.deepEqual(result.events, { count: 4, source: 'file' });
  assert.equal(result.loneRuns, 8);
  const evidence = result.findings.filter((f) => f.oracle === 'cross-talk').flatMap((f) => f.evidence).join('\n');
  assert.ok(customers.some((name) => evidence.includes(`customer.name = "${name}"`)), evidence);
  assert.match(run.stdout, /4 events from --events/);
  assert.match(run.stdout, /--events \S+orders\.jsonl/, 'the reproducing command names the file');
});
