// test-lane: serial
// After `kill -9` of `lmi-bench engine --workload …`, no process a Python, Java or OS-only
// handler started is alive, not even one that left its process group (setsid): each environment
// is a pid namespace whose wrapper dies with the engine (setpriv --pdeathsig KILL), and the
// kernel ends every process of a pid namespace whose first process ends (runner/engine/isolation.ts).
// Where this machine cannot make namespaces, the test is skipped with the reason: process groups
// alone cannot catch a setsid child once the engine is gone.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentIsolation } from '../../runner/engine/isolation.ts';
import { cleanEnv, repoRoot } from '../cli/spawn-cli.ts';
import { javaSourceWorkload, providedWorkload } from './runtime-api-workloads.ts';
import { removeStaleEngineTempFolders } from '../../runner/engine/temp-folders.ts';
import { testTempDir } from '../temp-dir.ts';

// kill -9 leaves the engine's temp root behind, which the next engine to start removes; this file
// may be the last of its run to use an engine, so it removes it the same way.
after(() => removeStaleEngineTempFolders());

const isolation = environmentIsolation();
const skip = isolation.kind === 'none' && isolation.reason;
const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function pids(marker: string): number[] {
  const found = spawnSync('pgrep', ['-f', marker], { encoding: 'utf8' });
  return found.stdout.split('\n').filter(Boolean).map(Number);
}

function running(marker: string): number {
  return pids(marker).length;
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Each workload's init starts `setsid sh -c 'sleep 600' <marker>`: a process out of its group. */
const workloads: Record<'python' | 'java' | 'provided', (marker: string) => string> = {
  python: (marker) => {
    const dir = testTempDir('lmi-bench-orphan-python-');
    dirs.push(dir);
    mkdirSync(join(dir, 'python'));
    writeFileSync(join(dir, 'python', 'index.py'), `import subprocess\nsubprocess.Popen(['setsid', 'sh', '-c', 'sleep 600; true', '${marker}'])\n\ndef handler(event, context):\n    return {}\n`);
    writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'orphan', kind: 'io', memoryMb: 256, runtimes: { python: { handler: 'python/index.handler' } } }));
    return dir;
  },
  java: (marker) =>
    javaSourceWorkload('orphan', 'demo.Orphan', {
      'demo/Orphan.java': `package demo;
import java.util.Map;
public class Orphan {
  static {
    try {
      new ProcessBuilder("setsid", "sh", "-c", "sleep 600; true", "${marker}").start();
    } catch (java.io.IOException e) {
      throw new RuntimeException(e);
    }
  }
  public String handleRequest(Map<String, Object> event) { return "ok"; }
}`,
    }),
  provided: (marker) =>
    providedWorkload('orphan', `#!/bin/sh
setsid sh -c 'sleep 600; true' '${marker}' >/dev/null 2>&1 &
api="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  curl -sS -o /dev/null "$api/invocation/next" || exit 1
done
`),
};

for (const [runtime, workload] of Object.entries(workloads)) {
  test(`kill -9 of the engine leaves no process a ${runtime} handler started`, { skip, timeout: 120_000 }, async () => {
    const marker = `lmi-bench-orphan-${runtime}-${process.pid}-${Date.now()}`;
    const engine = spawn(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'engine', '--workload', workload(marker), '--runtime', runtime], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    engine.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = await new Promise<{ pid: number }>((resolve, reject) => {
      let stdout = '';
      engine.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) resolve(JSON.parse(stdout.split('\n')[0] as string) as { pid: number });
      });
      engine.once('exit', (code) => reject(new Error(`the engine exited ${code}: ${stderr}`)));
    });
    try {
      // The LMI function's three environments start at deploy (standard Lambda's at its first request).
      assert.ok(await until(() => running(marker) >= 3, 10_000), `every environment's child started (${running(marker)} found)`);
      const exited = new Promise((resolve) => engine.once('exit', resolve));
      process.kill(ready.pid, 'SIGKILL');
      await exited;
      assert.ok(await until(() => running(marker) === 0, 5_000), `${running(marker)} handler processes outlived the engine`);
    } finally {
      engine.kill('SIGKILL');
      // Only on failure: what this test's handlers started, by pid.
      for (const pid of pids(marker)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
    }
  });
}
