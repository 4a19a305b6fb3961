// test-lane: concurrent: asserts findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outlivingWork } from '../../runner/safety/oracles/outliving-work.ts';
import { invocation, round } from './constructed.ts';

test('pending timers and promises at the response are warnings, one per kind, counted', () => {
  const pending = [
    { kind: 'timer', detail: 'setTimeout of 250 ms not yet run' },
    { kind: 'promise', detail: 'promise not yet settled' },
    { kind: 'promise', detail: 'promise not yet settled' },
  ];
  const findings = outlivingWork([round([invocation(1, 0, '', [0, 1], { pending }), invocation(2, 0, '', [0, 1], { pending }), invocation(3, 0, '', [0, 1])])]);
  assert.deepEqual(
    findings.map((f) => [f.oracle, f.severity, f.title]),
    [
      ['outliving-work', 'warning', '2 timers still pending when the response was sent, in 2 invocations'],
      ['outliving-work', 'warning', '4 promises still pending when the response was sent, in 2 invocations'],
    ],
  );
  assert.equal(findings[0]?.evidence[0], '2 × setTimeout of 250 ms not yet run');
});

test('nothing pending: no finding', () => {
  assert.deepEqual(outlivingWork([round([invocation(1, 0, '', [0, 1])])]), []);
});
