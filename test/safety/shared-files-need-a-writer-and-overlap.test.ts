import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedFiles } from '../../runner/safety/oracles/shared-files.ts';
import { files, id, invocation, round } from './constructed.ts';

test('a path written by one request and read by an overlapping one is an error naming the path and both requests', () => {
  const findings = sharedFiles(
    round([invocation(1, 0, '', [0, 50], { files: files(['/tmp/scratch.csv', 'rw']) }), invocation(2, 1, '', [20, 70], { files: files(['/tmp/scratch.csv', 'r']) })]),
  );
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.severity, 'error');
  assert.match(findings[0]?.title ?? '', /^\/tmp\/scratch\.csv /);
  assert.deepEqual([...(findings[0]?.requests ?? [])].sort(), [id(1), id(2)]);
  assert.match(findings[0]?.evidence[0] ?? '', /overlapped 30\.0 ms/);
});

test('readers only, distinct paths, or requests that did not overlap are fine', () => {
  assert.deepEqual(sharedFiles(round([invocation(1, 0, '', [0, 50], { files: files(['/tmp/config.json', 'r']) }), invocation(2, 1, '', [10, 60], { files: files(['/tmp/config.json', 'r']) })])), []);
  assert.deepEqual(sharedFiles(round([invocation(1, 0, '', [0, 50], { files: files([`/tmp/order-${id(1)}.json`, 'rw']) }), invocation(2, 1, '', [10, 60], { files: files([`/tmp/order-${id(2)}.json`, 'rw']) })])), []);
  assert.deepEqual(sharedFiles(round([invocation(1, 0, '', [0, 50], { files: files(['/tmp/scratch.csv', 'rw']) }), invocation(2, 1, '', [50, 90], { files: files(['/tmp/scratch.csv', 'rw']) })])), []);
});

test('two overlapping writers of one path are one finding', () => {
  const findings = sharedFiles(round([invocation(1, 0, '', [0, 50], { files: files(['/tmp/out.bin', 'w']) }), invocation(2, 1, '', [10, 60], { files: files(['/tmp/out.bin', 'w']) })]));
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.evidence.length, 1);
});
