// test-lane: serial
// A Node.js environment is a process tree of its own: a handler cannot reach another function's
// /tmp through /proc/self/root (which got past last round's fs mapping), through the engine's or
// pid 1's /proc entry, nor through a child process (`cat /tmp/...`, which saw the host /tmp); and
// its /proc shows only its own processes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentIsolation } from '../../runner/engine/isolation.ts';
import { engineTempPrefix } from '../../runner/engine/temp-folders.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, send, standardSpec } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

const isolation = environmentIsolation();
const skip = isolation.kind === 'none' && isolation.reason;

const writer = `
import { writeFileSync } from 'node:fs';
export const handler = async (event) => {
  const { name, secret } = JSON.parse(event.body);
  writeFileSync('/tmp/' + name, secret);
  return { ok: true };
};
`;

// Tries every path it is given, by the fs API and by a child process, and counts /proc's pids.
const prober = `
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
export const handler = async (event) => {
  const { paths } = JSON.parse(event.body);
  const leaks = [];
  for (const path of paths) {
    try { leaks.push({ path, by: 'fs', text: readFileSync(path, 'utf8') }); } catch {}
    try { leaks.push({ path, by: 'cat', text: execFileSync('cat', [path], { stdio: ['ignore', 'pipe', 'ignore'] }).toString() }); } catch {}
  }
  const pids = readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name));
  const seenByChild = execFileSync('sh', ['-c', 'ls /proc | grep -c "^[0-9]"']).toString().trim();
  return { leaks, pids, seenByChild: Number(seenByChild) };
};
`;

let engine: EngineHandle;
let dir: string;
before(async () => {
  dir = testTempDir('lmi-bench-node-isolation-');
  for (const [name, source] of [['writer', writer], ['prober', prober]] as const) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'index.mjs'), source);
    writeFileSync(join(dir, name, 'workload.json'), JSON.stringify({ name, kind: 'io', memoryMb: 512, runtimes: { node: { handler: 'index.handler' } } }));
  }
  engine = await startEngine();
});
after(() => engine.stop());

/** The host path of the file `name` in some environment folder of the engine. */
function hostPathOf(name: string): string | undefined {
  for (const root of readdirSync(tmpdir()).filter((entry) => entry.startsWith(engineTempPrefix))) {
    const envRoot = join(tmpdir(), root, 'env');
    let environments: string[];
    try {
      environments = readdirSync(envRoot);
    } catch {
      continue;
    }
    for (const environment of environments) {
      if (readdirSync(join(envRoot, environment)).includes(name)) return join(envRoot, environment, name);
    }
  }
  return undefined;
}

for (const mode of ['standard', 'lmi'] as const) {
  test(`a Node handler (${mode}) reads no other function's /tmp by any path, and sees only its own processes`, { skip }, async () => {
    const spec = mode === 'lmi' ? (name: string, workloadDir: string) => lmiSpec(name, { minEnvironments: 1 }, { workloadDir }) : (name: string, workloadDir: string) => standardSpec(name, {}, { workloadDir });
    const writerFn = await engine.client.deploy(spec(`writer-${mode}`, join(dir, 'writer')));
    const proberFn = await engine.client.deploy(spec(`prober-${mode}`, join(dir, 'prober')));
    const name = `secret-${mode}-${process.pid}`;
    assert.equal((await send(writerFn.url, { name, secret: 'other tenant' })).status, 200);
    const hostPath = hostPathOf(name);
    assert.ok(hostPath, 'the writer\'s file is in its environment folder on the host');
    const paths = [hostPath, `/proc/self/root${hostPath}`, `/proc/1/root${hostPath}`, `/proc/${engine.pid}/root${hostPath}`, `/proc/self/cwd/../../..${hostPath}`];
    const reply = await send(proberFn.url, { paths });
    assert.equal(reply.status, 200, reply.body);
    const probed = reply.json<{ leaks: unknown[]; pids: string[]; seenByChild: number }>();
    assert.deepEqual(probed.leaks, [], 'another function\'s /tmp was read');
    // The runtime itself (pid 1 of its namespace), and the child shell with its ls and grep.
    assert.deepEqual(probed.pids, ['1'], 'the handler sees other processes in its /proc');
    assert.ok(probed.seenByChild >= 2 && probed.seenByChild <= 4, `a child sees ${probed.seenByChild} pids`);
    await engine.client.remove(writerFn.name);
    await engine.client.remove(proberFn.name);
  });
}
