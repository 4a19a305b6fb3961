// test-lane: concurrent: asserts which processes are left, waiting seconds for them to go.
// Processes a handler starts end with its environment, as on AWS: a Python environment is a
// process group of its own, killed whole when the environment is retired, so a `sleep 600` the
// handler left running does not outlive it (a 14 s bench used to leave 255 of them). A Node
// environment is a process tree in a pid namespace of its own: everything in it ends with it,
// setsid children included, when it is retired, when the engine stops, and when the engine is
// killed with SIGKILL (the wrapper dies with it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { environmentIsolation } from '../../runner/engine/isolation.ts';
import { lmiSpec, send, standardSpec } from './support.ts';
import { removeStaleEngineTempFolders } from '../../runner/engine/temp-folders.ts';
import { testTempDir } from '../temp-dir.ts';

// kill -9 leaves the engine's temp root behind, which the next engine to start removes; this file
// may be the last of its run to use an engine, so it removes it the same way.
after(() => removeStaleEngineTempFolders());

const handler = `
import subprocess

def handler(event, context):
    # Named by a marker in its argv: a pid inside the environment's pid namespace names no host process.
    marker = 'lmi-bench-child-' + context.aws_request_id
    subprocess.Popen(['sh', '-c', 'sleep 600; true', marker])
    return {'marker': marker}
`;

/** Alive, and not a zombie waiting for its parent to read its exit. */
function alive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return readFileSync(stat, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

// A direct child, a grandchild of a shell that has already exited, and a child that left the
// process group (setsid): all must end. A Node environment has its own pid namespace, so the pids
// it sees are not the host's: each process carries the request's marker in its command line.
// Where no namespace can be made the environment is a process group, which a setsid child
// leaves (documented as partial): that child is only started where namespaces exist.
const nodeHandler = `
import { spawn } from 'node:child_process';
export const handler = async (event) => {
  const { marker, setsid } = JSON.parse(event.body);
  spawn('sh', ['-c', 'sleep 600; true', marker], { stdio: 'ignore' });
  spawn('sh', ['-c', '(sleep 600; true) & :', marker], { stdio: 'ignore' });
  if (setsid) spawn('setsid', ['sh', '-c', 'sleep 600; true', marker], { stdio: 'ignore', detached: true });
  return { ok: true };
};
`;

/** Host pids of the live processes whose command line holds `marker`. */
function marked(marker: string): number[] {
  const result = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean).map(Number).filter(alive);
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

let markers = 0;
const setsid = environmentIsolation().kind === 'namespaces';
/** Calls the function with a fresh marker; resolves once its processes (and sleeps) run. */
async function spawnMarked(url: string): Promise<string> {
  const marker = `lmi-bench-child-${process.pid}-${Date.now()}-${markers++}`;
  const reply = await send(url, { marker, setsid });
  assert.equal(reply.status, 200, reply.body);
  const expected = setsid ? 3 : 2;
  // The count that met the wait is the evidence: read again, it can dip for a moment while the
  // shells are still forking and exiting (the second spawn's parent shell ends as its subshell starts).
  let seen = 0;
  await until(() => (seen = marked(marker).length) >= expected);
  assert.ok(seen >= expected, `the handler's processes run: ${seen} of at least ${expected}`);
  return marker;
}

let engine: EngineHandle;
/** The engines the stop and kill -9 tests end, started with the shared one: their start-ups overlap. */
let forStop: EngineHandle;
let forKill: EngineHandle;
let dir: string;
before(async () => {
  dir = testTempDir('lmi-bench-handler-children-');
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'python', 'index.py'), handler);
  mkdirSync(join(dir, 'node'));
  writeFileSync(join(dir, 'node', 'index.mjs'), nodeHandler);
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'spawner', kind: 'io', memoryMb: 512, runtimes: { python: { handler: 'python/index.handler' }, node: { handler: 'node/index.handler' } } }));
  [engine, forStop, forKill] = await Promise.all([startEngine(), startEngine(), startEngine()]);
});
after(async () => {
  await Promise.all([engine.stop(), forStop.stop(), forKill.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

test("a Python handler's child process ends when its environment is retired", async () => {
  const fn = await engine.client.deploy(standardSpec('spawner', {}, { workloadDir: dir, runtime: 'python' }));
  const reply = await send(fn.url, {});
  assert.equal(reply.status, 200, reply.body);
  const { marker } = reply.json<{ marker: string }>();
  const running = (): boolean => spawnSync('pgrep', ['-f', marker]).status === 0;
  assert.ok(running(), 'the child runs while its environment lives');
  await engine.client.remove(fn.name);
  const deadline = Date.now() + 5_000;
  while (running() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(running(), false, `sleep 600 (${marker}) outlived its environment`);
});


test("a Node handler's child processes, and theirs, end when its environment is retired", async () => {
  const fn = await engine.client.deploy(standardSpec('spawner-node', {}, { workloadDir: dir, runtime: 'node' }));
  const marker = await spawnMarked(fn.url);
  await engine.client.remove(fn.name);
  await until(() => marked(marker).length === 0);
  assert.deepEqual(marked(marker), [], 'a process the handler started outlived its Node environment');
});

test("a Node handler's child processes end when the engine stops", async () => {
  const own = forStop;
  try {
    const fn = await own.client.deploy(standardSpec('spawner-node-stop', {}, { workloadDir: dir, runtime: 'node' }));
    const marker = await spawnMarked(fn.url);
    await own.stop();
    await until(() => marked(marker).length === 0);
    assert.deepEqual(marked(marker), [], 'a process the handler started outlived the engine');
  } finally {
    await own.stop();
  }
});

test("no process a Node handler started outlives a kill -9 of the engine", async () => {
  const own = forKill;
  try {
    const standard = await own.client.deploy(standardSpec('spawner-node-kill', {}, { workloadDir: dir, runtime: 'node' }));
    const lmi = await own.client.deploy(lmiSpec('spawner-node-kill-lmi', { minEnvironments: 1 }, { workloadDir: dir, runtime: 'node' }));
    const markers = [await spawnMarked(standard.url), await spawnMarked(lmi.url)];
    process.kill(own.pid, 'SIGKILL');
    await until(() => markers.every((marker) => marked(marker).length === 0));
    for (const marker of markers) assert.deepEqual(marked(marker), [], 'a process the handler started outlived the killed engine');
  } finally {
    await own.stop();
  }
});
