// test-lane: concurrent: asserts the packed file list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;

interface PackEntry {
  files: { path: string }[];
}

test('npm pack ships the code, workloads, prices, runtimes, docs and the action, and no test, CI or user file', () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [entry] = JSON.parse(out) as PackEntry[];
  assert.ok(entry, 'npm pack printed no entry');
  const paths = entry.files.map((f) => f.path);

  for (const needed of [
    'package.json', 'README.md', 'bin/lmi-bench.mjs', 'runner/cli/main.ts', 'runner/cli/usage.mjs', 'reports/html.ts',
    'infra/app.ts', 'cdk.json', 'workloads/io-bound/workload.json', 'workloads/io-bound/node/index.mjs',
    'runner/engine/runtimes/node-bootstrap.mjs', 'runner/engine/runtimes/python-bootstrap.py', 'runner/engine/runtimes/java/lmibench/Bootstrap.java', 'data/ec2-instance-types.json',
    'docs/architecture.md',
  ]) {
    assert.ok(paths.includes(needed), `${needed} is missing from the package`);
  }
  assert.ok(paths.some((p) => p.startsWith('data/price-snapshot/')), 'the price snapshot is missing');

  const unwanted = paths.filter((p) =>
    p.startsWith('test/') || p.startsWith('.ci/') || p.startsWith('.github/') || /\.test\.[cm]?[jt]s$/.test(p) ||
    p.startsWith('results/') || p.startsWith('baselines/') || p.startsWith('scripts/') || p.includes('__pycache__') ||
    p.startsWith('node_modules/') || p.startsWith('action/') || p === 'action.yml' || p === 'package-lock.json' || p === 'tsconfig.json');
  assert.deepEqual(unwanted, []);

  // Everything a shipped module imports by a relative path must be shipped too.
  const shipped = new Set(paths);
  const missingImports: string[] = [];
  for (const path of paths.filter((p) => /\.(ts|mjs)$/.test(p))) {
    const source = readFileSync(root + path, 'utf8');
    for (const match of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = new URL(match[1]!, `file:///${path}`).pathname.slice(1);
      if (!shipped.has(target)) missingImports.push(`${path} -> ${target}`);
    }
  }
  assert.deepEqual(missingImports, []);
});

test('the AWS-only packages are optional peers, and installed in the repository for its own tests', () => {
  const manifest = JSON.parse(readFileSync(root + 'package.json', 'utf8')) as Record<string, Record<string, unknown> | undefined>;
  for (const name of ['aws-cdk', 'aws-cdk-lib', 'constructs']) {
    assert.equal(manifest['dependencies']?.[name], undefined, `${name} must not be a dependency`);
    assert.ok(manifest['peerDependencies']?.[name], `${name} must be a peer dependency`);
    assert.deepEqual(manifest['peerDependenciesMeta']?.[name], { optional: true });
    assert.equal(manifest['devDependencies']?.[name], manifest['peerDependencies']?.[name], `${name}: the tests use the pinned version`);
  }
  assert.equal(manifest['private'], undefined);
  assert.ok(manifest['dependencies']?.['esbuild'], 'the bin transpiles its TypeScript with esbuild at run time');
  assert.ok(manifest['dependencies']?.['tsx'], "the engine runs a user's TypeScript handler through tsx");
});
