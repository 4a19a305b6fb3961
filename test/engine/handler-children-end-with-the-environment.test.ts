// Processes a handler starts end with its environment, as on AWS: a Python environment is a
// process group of its own, killed whole when the environment is retired, so a `sleep 600` the
// handler left running does not outlive it (a 14 s bench used to leave 255 of them).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { send, standardSpec } from './support.ts';

const handler = `
import subprocess

def handler(event, context):
    child = subprocess.Popen(['sleep', '600'])
    return {'pid': child.pid}
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

let engine: EngineHandle;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lmi-bench-handler-children-'));
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'python', 'index.py'), handler);
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'spawner', kind: 'io', memoryMb: 512, runtimes: { python: { handler: 'python/index.handler' } } }));
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
  const { pid } = reply.json<{ pid: number }>();
  assert.ok(alive(pid), 'the child runs while its environment lives');
  await engine.client.remove(fn.name);
  const deadline = Date.now() + 5_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(alive(pid), false, `sleep 600 (pid ${pid}) outlived its environment`);
});
