/**
 * No function in runner/, reports/ or infra/ is longer than 80 lines (a screen): a longer one
 * does a whole stage, and is split by job. The test of the test writes a 81-line function into a
 * temporary tree and checks that it is named, and that an 80-line one is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layeredFunctionLengths } from './function-lengths.ts';
import { testTempDir } from '../temp-dir.ts';

const root = new URL('../../', import.meta.url).pathname;
const limitLines = 80;

test('no function in runner/, reports/ or infra/ is longer than 80 lines', () => {
  const all = layeredFunctionLengths(root);
  assert.ok(all.length > 500, `only ${all.length} functions found: the walk missed the tree`);
  const over = all.filter((fn) => fn.lines > limitLines);
  assert.deepEqual(over.map((fn) => `${fn.lines} lines ${fn.where} ${fn.name}`), []);
});

test('the length check names a function one line over the limit, and passes one at the limit', () => {
  const tree = testTempDir('lmi-bench-lengths-');
  try {
    mkdirSync(join(tree, 'runner', 'stage'), { recursive: true });
    const body = (lines: number) => Array.from({ length: lines - 2 }, (_, i) => `  total += ${i};`).join('\n');
    writeFileSync(join(tree, 'runner', 'stage', 'long.ts'), [
      `export function tooLong(): number {\n  let total = 0;\n${body(limitLines)}\n}`,
      `export const atLimit = (): number => {\n${body(limitLines - 1)}\n};`,
    ].join('\n'));
    const over = layeredFunctionLengths(tree).filter((fn) => fn.lines > limitLines);
    assert.deepEqual(over.map((fn) => `${fn.name} ${fn.lines} ${fn.where}`), [`tooLong ${limitLines + 1} runner/stage/long.ts:1`]);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});
