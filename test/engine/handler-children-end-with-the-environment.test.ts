// Processes a handler starts end with its environment, as on AWS: a Python environment is a
// process group of its own, killed whole when the environment is retired, so a `sleep 600` the
// handler left running does not outlive it (a 14 s bench used to leave 255 of them). A Node
// environment is a worker thread of the engine: each child it starts leads its own group, which
// the engine kills with the environment, and when the engine itself stops.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { send, standardSpec } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

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

// A direct child, and a grandchild of a shell that has already exited: both must end.
const nodeHandler = `
import { spawn, execSync } from 'node:child_process';
export const handler = async () => {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  const shell = spawn('sh', ['-c', 'sleep 600 & echo $!']);
  const grandchild = await new Promise((resolve) => shell.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
  return { pids: [child.pid, grandchild] };
};
`;

let engine: EngineHandle;
let dir: string;
before(async () => {
  dir = testTempDir('lmi-bench-handler-children-');
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'python', 'index.py'), handler);
  mkdirSync(join(dir, 'node'));
  writeFileSync(join(dir, 'node', 'index.mjs'), nodeHandler);
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'spawner', kind: 'io', memoryMb: 512, runtimes: { python: { handler: 'python/index.handler' }, node: { handler: 'node/index.handler' } } }));
  engine = await startEngine();
});
after(async () => {
  await engine.stop();
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

async function untilGone(pids: number[]): Promise<number[]> {
  const deadline = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return pids.filter(alive);
}

test("a Node handler's child processes, and theirs, end when its environment is retired", async () => {
  const fn = await engine.client.deploy(standardSpec('spawner-node', {}, { workloadDir: dir, runtime: 'node' }));
  const reply = await send(fn.url, {});
  assert.equal(reply.status, 200, reply.body);
  const { pids } = reply.json<{ pids: number[] }>();
  assert.equal(pids.length, 2);
  assert.deepEqual(pids.filter(alive), pids, 'the children run while their environment lives');
  await engine.client.remove(fn.name);
  assert.deepEqual(await untilGone(pids), [], 'sleep 600 outlived its Node environment');
});

test("a Node handler's child processes end when the engine stops", async () => {
  const own = await startEngine();
  try {
    const fn = await own.client.deploy(standardSpec('spawner-node-stop', {}, { workloadDir: dir, runtime: 'node' }));
    const reply = await send(fn.url, {});
    assert.equal(reply.status, 200, reply.body);
    const { pids } = reply.json<{ pids: number[] }>();
    assert.deepEqual(pids.filter(alive), pids, 'the children run while the engine runs');
    await own.stop();
    assert.deepEqual(await untilGone(pids), [], 'sleep 600 outlived the engine');
  } finally {
    await own.stop();
  }
});
