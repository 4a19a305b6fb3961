// test-lane: concurrent: asserts exit codes and messages.
// Bad bench inputs through the real CLI (the rest are checked in-process in
// test/plan/bad-values-are-usage-errors.test.ts): each fails before anything starts: exit 2, exactly one line on stderr,
// nothing on stdout, and nothing written under the --out folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, inBatches, runBench } from './spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const root = testTempDir('lmi-bench-bad-input-');
const out = join(root, 'results');
const aFile = join(root, 'a-file');
writeFileSync(aFile, 'not a folder');
// A workload of the user's own that offers Node.js only.
const nodeOnly = join(root, 'node-only');
mkdirSync(join(nodeOnly, 'node'), { recursive: true });
writeFileSync(join(nodeOnly, 'node', 'index.mjs'), 'export const handler = async () => ({ statusCode: 200, body: "ok" });\n');
writeFileSync(
  join(nodeOnly, 'workload.json'),
  JSON.stringify({ name: 'node-only', kind: 'io', memoryMb: 256, event: {}, runtimes: { node: { handler: 'node/index.handler' } } }),
);
// A workload whose handler path climbs out of its folder to a real module.
const escaping = join(root, 'escaping');
mkdirSync(join(escaping, 'node'), { recursive: true });
mkdirSync(join(root, 'outside'));
writeFileSync(join(root, 'outside', 'evil.mjs'), 'export const handler = async () => ({ statusCode: 200, body: "outside" });\n');
writeFileSync(
  join(escaping, 'workload.json'),
  JSON.stringify({ name: 'escaping', kind: 'io', memoryMb: 256, event: {}, runtimes: { node: { handler: 'node/../../outside/evil.handler' } } }),
);

const cases: Array<{ args: string[]; message: RegExp; env?: NodeJS.ProcessEnv; run?: boolean }> = [
  { args: ['--workload', 'no-such-workload'], message: /unknown workload 'no-such-workload' \(built-in: .*io-bound/ },
  { args: ['--workload', nodeOnly, '--runtime', 'python'], message: /workload 'node-only' does not offer runtime python \(it offers: node\)/ },
  { args: ['--workload', escaping], message: /runtimes\.node\.handler "node\/\.\.\/\.\.\/outside\/evil\.handler" points outside the workload folder/ },
  { args: ['--runtime', 'ruby'], message: /--runtime must be one of node, python/ },
  { args: ['--concurrency', '0'], message: /--concurrency .*'0'/ },
  { args: ['--concurrency', 'abc'], message: /--concurrency .*'abc'/ },
  { args: ['--concurrency', '5,-1'], message: /--concurrency .*'-1'/ },
  { args: ['--concurrency', '8,1,8'], message: /--concurrency lists '8' twice/ },
  { args: ['--concurrency', '1.5'], message: /--concurrency takes whole numbers/ },
  { args: ['--duration', '-3'], message: /--duration must be a number of seconds greater than 0/ },
  { args: ['--lmi-gib-per-vcpu', '9'], message: /--lmi-gib-per-vcpu takes numbers from 2 to 8/ },
  { args: ['--lmi-max-concurrency', '1601'], message: /--lmi-max-concurrency takes whole numbers from 1 to 1600/ },
  { args: ['--lmi-memory', '1024'], message: /--lmi-memory must be at least 2048 MB/ },
  { args: ['--instance-type', 'm7g.xlarg'], message: /unknown instance type 'm7g.xlarg' \(did you mean m7g.xlarge/ },
  { args: ['--lmi-discount', '1.5'], message: /--lmi-discount must be a number from 0 to 0.72/ },
  { args: ['--discount', '0.5'], message: /--discount is gone: use --lmi-discount 0-0.72 .* and --lambda-discount 0-0.17/ },
  { args: ['--out', join(aFile, 'sub')], message: /is not writable \(ENOTDIR\)/ },
  // A run (not --plan-only, which needs no credentials) is refused while planning, before anything starts.
  { args: ['--target', 'aws'], message: /--target aws needs AWS credentials and none were found/, env: cleanEnv({ HOME: root }), run: true },
];

test('each bad input exits 2 with one line and writes nothing', async () => {
  try {
    const results = await inBatches(cases, 3, (c) => runBench([...c.args, ...(c.run ? [] : ['--plan-only']), ...(c.args.includes('--out') ? [] : ['--out', out])], c.env ? { env: c.env } : {}));
    results.forEach((result, i) => {
      const c = cases[i];
      assert.ok(c);
      const what = c.args.join(' ');
      assert.equal(result.code, 2, `${what}: exit ${result.code}, stderr ${result.stderr}`);
      assert.equal(result.stdout, '', `${what}: printed on stdout`);
      const lines = result.stderr.split('\n').filter((line) => line !== '');
      assert.equal(lines.length, 1, `${what}: stderr was\n${result.stderr}`);
      assert.match(lines[0] ?? '', /^lmi-bench: /, what);
      assert.match(lines[0] ?? '', c.message, what);
    });
    assert.deepEqual(readdirSync(root).sort(), ['a-file', 'escaping', 'node-only', 'outside'], 'something was written next to --out');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
