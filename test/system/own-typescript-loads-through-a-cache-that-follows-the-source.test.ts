// test-lane: concurrent: starts node processes; asserts their output and the cache's files, no time
/**
 * lmi-bench loads its own TypeScript through module hooks (runner/system/typescript-hooks.mjs)
 * that keep transpiled files in a disk cache. Each test runs a small .ts program in a fresh node
 * process with those hooks and a cache folder of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanEnv, repoRoot, runProcess, type Finished } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const hooksUrl = pathToFileURL(join(repoRoot, 'runner/system/typescript-hooks.mjs')).href;

/** Runs `entry` (a .ts file) in a new node process whose hooks cache in `cacheDir`. */
function runTs(entry: string, cacheDir: string, env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  const script = [
    "import { register } from 'node:module';",
    'process.setSourceMapsEnabled(true);',
    `register(${JSON.stringify(hooksUrl)}, { data: { cacheDir: ${JSON.stringify(cacheDir)} } });`,
    `await import(${JSON.stringify(pathToFileURL(entry).href)});`,
  ].join('\n');
  return runProcess(process.execPath, ['--input-type=module', '-e', script], { env: cleanEnv(env), timeoutMs: 30_000 });
}

/** A program with what tsc accepts and plain JavaScript does not: types, a type-only import, an enum, a parameter property. */
function writeProgram(dir: string, greeting: string): string {
  writeFileSync(join(dir, 'shapes.ts'), 'export interface Shape { sides: number }\nexport enum Kind { Square = 4 }\n');
  const main = join(dir, 'main.ts');
  writeFileSync(
    main,
    [
      "import type { Shape } from './shapes.ts';",
      "import { Kind } from './shapes.ts';",
      'class Greeter { constructor(private readonly text: string) {} say(shape: Shape): string { return `${this.text} ${shape.sides}`; } }',
      `console.log(new Greeter(${JSON.stringify(greeting)}).say({ sides: Kind.Square }));`,
      "if (process.env['THROW'] === '1') throw new Error('thrown on line 5');",
    ].join('\n'),
  );
  return main;
}

test('a TypeScript program runs, and an error thrown in it names its .ts file and line', async () => {
  const dir = testTempDir('lmi-bench-ts-hooks-');
  const main = writeProgram(dir, 'hello');
  const ran = await runTs(main, join(dir, 'cache'));
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(ran.stdout, 'hello 4\n');

  const thrown = await runTs(main, join(dir, 'cache'), { THROW: '1' });
  assert.notEqual(thrown.code, 0);
  assert.ok(thrown.stderr.includes(`${main}:5:`), thrown.stderr);
});

test('a second start reads the cache; a changed source is transpiled again, still one entry per file', async () => {
  const dir = testTempDir('lmi-bench-ts-hooks-');
  const cacheDir = join(dir, 'cache');
  const main = writeProgram(dir, 'hello');
  assert.equal((await runTs(main, cacheDir)).stdout, 'hello 4\n');
  const entries = readdirSync(cacheDir);
  assert.equal(entries.length, 2, 'one entry for each of the two sources');

  // An entry edited behind the hooks' back (same header) shows that a start reads it.
  for (const name of entries) {
    const path = join(cacheDir, name);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"hello"', '"from the cache"'));
  }
  assert.equal((await runTs(main, cacheDir)).stdout, 'from the cache 4\n');

  writeProgram(dir, 'changed');
  assert.equal((await runTs(main, cacheDir)).stdout, 'changed 4\n', 'a changed source is never served from an old entry');
  assert.equal(readdirSync(cacheDir).length, 2, 'the entry is replaced, not added to');
});

test('a cache folder that cannot be written costs speed, not the run', async () => {
  const dir = testTempDir('lmi-bench-ts-hooks-');
  const main = writeProgram(dir, 'hello');
  // A folder under a regular file cannot be made, not even by root.
  const file = join(dir, 'a-file');
  writeFileSync(file, '');
  const ran = await runTs(main, join(file, 'cache'));
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(ran.stdout, 'hello 4\n');
});
