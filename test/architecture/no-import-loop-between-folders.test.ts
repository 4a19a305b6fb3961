// The folders of runner/ (each stage: cli, plan, target, …, and the leaves: capacity, runtimes,
// system, …), reports/ and infra/ form a layering: no loop between them, of any length, counting
// `import type` too (a type-only loop still means neither folder can be understood alone). And no
// two files import each other anywhere in the repository. import-graph.ts reads the imports; the
// checker itself is tested on a loop made on purpose (import-loop-checker-finds-a-made-loop).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describeLoops, fileImports, filesImportingEachOther, folderGraph, folderLoops, layeredTops } from './import-graph.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the import walk sees the layering it checks (it would see a loop if there were one)', () => {
  const graph = folderGraph(fileImports(root, layeredTops));
  // Known one-way imports: if the walk stopped finding imports, the real check would pass vacuously.
  assert.ok(graph.get('runner/cli')?.has('runner/plan'), 'runner/cli imports runner/plan');
  assert.ok(graph.get('reports')?.has('runner/run'), 'reports imports runner/run');
  assert.ok(graph.get('runner/target')?.has('infra'), 'runner/target imports infra');
  assert.ok(graph.get('runner/cli')?.has('runner/advise'), 'dynamic import() is seen: runner/cli loads runner/advise');
  assert.ok(graph.get('runner/engine')?.has('runner/run'), 'import type is seen: the engine protocol takes CapacityPoint from the run file');
});

test('no loop of any length between the folders of runner/, reports/ and infra/', () => {
  const graph = folderGraph(fileImports(root, layeredTops));
  assert.deepEqual(describeLoops(graph, folderLoops(graph)), []);
});

test('no two files import each other, anywhere in the repository', () => {
  const everywhere = [...layeredTops, 'test', 'scripts', 'bin'];
  assert.deepEqual(filesImportingEachOther(fileImports(root, everywhere)), []);
});
