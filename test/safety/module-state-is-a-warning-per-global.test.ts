import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleState } from '../../runner/safety/oracles/module-state.ts';
import { id, invocation, round } from './constructed.ts';

test('each global changed during invocations is one warning over all rounds, with its requests', () => {
  const findings = moduleState([
    round([invocation(1, 0, '', [0, 1], { globals: ['globalThis.lastOrderAt', 'process.env.LAST_ID'] }), invocation(2, 0, '', [0, 1])], 1),
    round([invocation(3, 0, '', [0, 1], { globals: ['globalThis.lastOrderAt'] })], 2),
  ]);
  assert.deepEqual(
    findings.map((f) => [f.severity, f.title, f.requests]),
    [
      ['warning', 'globalThis.lastOrderAt changed during 2 of 3 invocations', [id(1), id(3)]],
      ['warning', 'process.env.LAST_ID changed during 1 of 3 invocations', [id(1)]],
    ],
  );
  assert.match(findings[0]?.evidence[0] ?? '', /rounds 1, 2/);
});

test('no global changed: no finding', () => {
  assert.deepEqual(moduleState([round([invocation(1, 0, '', [0, 1])])]), []);
});
