import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moduleState } from '../../runner/safety/oracles/module-state.ts';
import { id, invocation, round } from './constructed.ts';

test('Node: each global or module variable changed during invocations is one warning over all rounds, with its requests', () => {
  const findings = moduleState([
    round([invocation(1, 0, '', [0, 1], { globals: ['globalThis.lastOrderAt', 'process.env.LAST_ID'] }), invocation(2, 0, '', [0, 1])], 1),
    round([invocation(3, 0, '', [0, 1], { globals: ['globalThis.lastOrderAt', 'module.currentUser'] })], 2),
  ], 'node');
  assert.deepEqual(
    findings.map((f) => [f.severity, f.title, f.requests]),
    [
      ['warning', 'globalThis.lastOrderAt changed during 2 of 3 invocations', [id(1), id(3)]],
      ['warning', 'process.env.LAST_ID changed during 1 of 3 invocations', [id(1)]],
      ['warning', 'module.currentUser changed during 1 of 3 invocations', [id(3)]],
    ],
  );
  assert.match(findings[0]?.evidence[0] ?? '', /rounds 1, 2/);
});

test('no global changed: no finding', () => {
  assert.deepEqual(moduleState([round([invocation(1, 0, '', [0, 1])])], 'node'), []);
});

test('Python: module globals are per process on LMI (one process per concurrent invocation): no finding', () => {
  const rounds = [round([invocation(1, 0, '', [0, 1], { globals: ['app.cache'] }), invocation(2, 0, '', [0, 1], { globals: ['app.cache'] })], 1)];
  assert.deepEqual(moduleState(rounds, 'python'), []);
  assert.equal(moduleState(rounds, 'node').length, 1, 'the same records from Node.js threads are a warning');
});
