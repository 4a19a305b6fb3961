import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differential, loneBaselines } from '../../runner/safety/oracles/differential.ts';
import type { LoneRuns } from '../../runner/safety/findings.ts';
import { invocation, round } from './constructed.ts';

const lone = (eventIndex: number, a: unknown, b: unknown): LoneRuns => ({
  eventIndex,
  runs: [
    { requestId: 'l1', status: 200, body: JSON.stringify(a) },
    { requestId: 'l2', status: 200, body: JSON.stringify(b) },
  ],
});

const baselines = loneBaselines([
  lone(0, { receiptId: 'r-1', issuedAt: '2025-01-01T00:00:00Z', payer: 'Ada', amount: 10 }, { receiptId: 'r-2', issuedAt: '2025-01-01T00:00:01Z', payer: 'Ada', amount: 10 }),
]);

test('fields that differ between the two lone runs (a random id, a timestamp) are ignored', () => {
  const findings = differential(round([invocation(1, 0, { receiptId: 'r-9', issuedAt: '2025-01-01T00:00:07Z', payer: 'Ada', amount: 10 }, [0, 1])]), baselines);
  assert.deepEqual(findings, []);
});

test('any other field that differs from the lone response is an error shown as a diff', () => {
  const findings = differential(round([invocation(1, 0, { receiptId: 'r-9', issuedAt: 'x', payer: 'Bob', amount: 10 }, [0, 1])]), baselines);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.severity, 'error');
  assert.deepEqual(findings[0]?.evidence, ['- body.payer: "Ada"   (alone)', '+ body.payer: "Bob"   (concurrent)']);
});

test('a status or a missing field counts too', () => {
  const findings = differential(round([invocation(1, 0, { receiptId: 'r-9', issuedAt: 'x', payer: 'Ada' }, [0, 1], {}, 502)]), baselines);
  assert.match(findings[0]?.title ?? '', /2 fields \(status, body\.amount\)/);
});

test('an event without lone runs is not judged', () => {
  assert.deepEqual(differential(round([invocation(1, 5, { anything: 1 }, [0, 1])]), baselines), []);
});
