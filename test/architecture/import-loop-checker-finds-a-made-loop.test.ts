// The architecture check would pass vacuously if it could not see a loop. Here real files are
// copied into a temporary tree and three folders are made to import each other in a ring (one
// link type-only, one dynamic), plus one pair of files importing each other: the checker must
// name the three folders, each import of the ring with its file, and the pair.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeLoops, fileImports, filesImportingEachOther, folderGraph, folderLoops, layeredTops } from './import-graph.ts';
import { testTempDir } from '../temp-dir.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const copied = ['runner/capacity/scaling-target.ts', 'runner/metrics/periods.ts', 'runner/runtimes/registry.ts', 'runner/errors.ts'];

function tree(): string {
  const root = testTempDir('lmi-bench-loop-');
  test.after(() => rmSync(root, { recursive: true, force: true }));
  for (const file of copied) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(repo, file), join(root, file));
  }
  return root;
}

test('the copied files alone have no loop and no pair', () => {
  const root = tree();
  const imports = fileImports(root, layeredTops);
  assert.ok(imports.some((i) => i.from === 'runner/capacity/scaling-target.ts' && i.to === 'runner/errors.ts'), 'the copy keeps its real imports');
  const graph = folderGraph(imports);
  assert.deepEqual(folderLoops(graph), []);
  assert.deepEqual(filesImportingEachOther(imports), []);
});

test('a ring of three folders is one loop naming each import and its file; a pair of files is named', () => {
  const root = tree();
  appendFileSync(join(root, 'runner/capacity/scaling-target.ts'), "\nimport { isValidPeriod } from '../metrics/periods.ts';\n");
  appendFileSync(join(root, 'runner/metrics/periods.ts'), "\nimport type {\n  Runtime,\n} from '../runtimes/registry.ts';\n");
  appendFileSync(join(root, 'runner/runtimes/registry.ts'), "\nexport const later = () => import('../capacity/scaling-target.ts');\n");
  appendFileSync(join(root, 'runner/errors.ts'), "\nexport { autoScalingTarget } from './capacity/scaling-target.ts';\n");

  const imports = fileImports(root, layeredTops);
  const graph = folderGraph(imports);
  const loops = folderLoops(graph);
  // errors.ts re-exports from capacity, and capacity imports errors.ts: that joins the ring too.
  assert.deepEqual(loops, [['runner/capacity', 'runner/errors.ts', 'runner/metrics', 'runner/runtimes']]);
  const described = describeLoops(graph, loops).join('\n');
  assert.match(described, /^loop of 4 folders: runner\/capacity, runner\/errors\.ts, runner\/metrics, runner\/runtimes/);
  assert.match(described, /runner\/capacity -> runner\/metrics: runner\/capacity\/scaling-target\.ts imports runner\/metrics\/periods\.ts/);
  assert.match(described, /runner\/metrics -> runner\/runtimes: runner\/metrics\/periods\.ts imports runner\/runtimes\/registry\.ts/);
  assert.match(described, /runner\/runtimes -> runner\/capacity: runner\/runtimes\/registry\.ts imports runner\/capacity\/scaling-target\.ts/);
  assert.deepEqual(filesImportingEachOther(imports), ['runner/capacity/scaling-target.ts <-> runner/errors.ts']);
});

test('the ring alone, without the pair, is a loop of exactly three folders', () => {
  const root = tree();
  appendFileSync(join(root, 'runner/capacity/scaling-target.ts'), "\nimport { isValidPeriod } from '../metrics/periods.ts';\n");
  appendFileSync(join(root, 'runner/metrics/periods.ts'), "\nimport type { Runtime } from '../runtimes/registry.ts';\n");
  appendFileSync(join(root, 'runner/runtimes/registry.ts'), "\nimport type { ScalingTarget } from '../capacity/scaling-target.ts';\n");
  const graph = folderGraph(fileImports(root, layeredTops));
  assert.deepEqual(folderLoops(graph), [['runner/capacity', 'runner/metrics', 'runner/runtimes']]);
  assert.deepEqual(filesImportingEachOther(fileImports(root, layeredTops)), []);
});
