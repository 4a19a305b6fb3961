import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossTalk } from '../../runner/safety/oracles/cross-talk.ts';
import { id, invocation, round } from './constructed.ts';

const events = [
  { customer: { id: 'cust-1042-aaaaaa', name: 'Ada' }, amount: 1234.5, currency: 'EUR' },
  { customer: { id: 'cust-1042-bbbbbb', name: 'Bob' }, amount: 2345.5, currency: 'EUR' },
  { customer: { id: 'cust-1042-cccccc', name: 'Cyd' }, amount: 3456.5, currency: 'EUR' },
];

test('a response holding another overlapping request\'s distinct value is an error naming both requests and the value', () => {
  const findings = crossTalk(
    round([
      invocation(1, 0, { customerId: 'cust-1042-bbbbbb', amount: 1234.5 }, [0, 50]),
      invocation(2, 1, { customerId: 'cust-1042-bbbbbb', amount: 2345.5 }, [10, 60]),
    ]),
    events,
  );
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding?.oracle, 'cross-talk');
  assert.equal(finding?.severity, 'error');
  assert.deepEqual(finding?.requests, [id(1), id(2)]);
  assert.match(finding?.evidence[0] ?? '', /customer\.id = "cust-1042-bbbbbb"/);
});

test('its own values, values shared by both events and short values are not cross-talk', () => {
  const findings = crossTalk(
    round([
      // 'EUR' is in both events; 'Bob' is too short to tell apart from chance.
      invocation(1, 0, { customerId: 'cust-1042-aaaaaa', currency: 'EUR', greeting: 'Hi Bob' }, [0, 50]),
      invocation(2, 1, { customerId: 'cust-1042-bbbbbb', currency: 'EUR' }, [10, 60]),
    ]),
    events,
  );
  assert.deepEqual(findings, []);
});

test('a request that did not overlap is not a source', () => {
  const findings = crossTalk(
    round([invocation(1, 0, { customerId: 'cust-1042-cccccc' }, [0, 50]), invocation(3, 2, { customerId: 'cust-1042-cccccc' }, [60, 90])]),
    events,
  );
  assert.deepEqual(findings, []);
});

test("another request's id in the body is cross-talk even when the events are equal", () => {
  const findings = crossTalk(round([invocation(1, 0, `served ${id(2)}`, [0, 50]), invocation(2, 0, `served ${id(2)}`, [10, 60])]), events);
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]?.requests, [id(1), id(2)]);
  assert.match(findings[0]?.evidence[0] ?? '', /request id/);
});

test('a number counts as a whole number token only: 2345.5 in text, not inside 12345.55 or an id', () => {
  const text = (body: string) => crossTalk(round([invocation(1, 0, body, [0, 50]), invocation(2, 1, 'x', [10, 60])]), events).length;
  assert.equal(text('total 2345.5 EUR'), 1);
  assert.equal(text('total 12345.55 EUR'), 0);
  assert.equal(text('ref a2345.5f'), 0);
});
