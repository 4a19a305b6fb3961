// test-lane: serial
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { environmentIsolation, isolatedArgv, isolatedRuntimePid } from '../../runner/engine/isolation.ts';

const isolation = environmentIsolation();
const root = mkdtempSync(join(tmpdir(), 'lmi-bench-isolation-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

function folders(name: string): { tmpDir: string; codeDir: string } {
  const tmpDir = join(root, 'env', name);
  const codeDir = join(root, 'code', name);
  mkdirSync(tmpDir, { recursive: true });
  mkdirSync(codeDir, { recursive: true });
  writeFileSync(join(codeDir, 'handler.txt'), `code of ${name}`);
  return { tmpDir, codeDir };
}

function runIsolated(name: string, script: string, alsoKept: string[] = []): string {
  assert.equal(isolation.kind, 'namespaces', isolation.kind === 'none' ? isolation.reason : '');
  if (isolation.kind !== 'namespaces') return '';
  const [command, ...args] = isolatedArgv(isolation, { ...folders(name), alsoKept }, ['sh', '-c', script]);
  const result = spawnSync(command as string, args, { encoding: 'utf8', timeout: 10_000 });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('an isolated environment reaches no other environment\'s /tmp by any path', { skip: isolation.kind === 'none' && isolation.reason }, () => {
  const other = folders('other');
  writeFileSync(join(other.tmpDir, 'secret'), 'other tenant');
  const hostPath = join(other.tmpDir, 'secret');
  const output = runIsolated('self', [
    'echo mine > /tmp/own',
    `for p in ${hostPath} /proc/self/root${hostPath} /proc/1/root${hostPath} /proc/${process.pid}/root${hostPath}; do cat "$p" 2>/dev/null && echo "LEAK via $p"; done`,
    'echo "own: $(cat /tmp/own)"',
    'echo "pids: $(ls /proc | grep -c "^[0-9]")"',
  ].join('\n'));
  assert.doesNotMatch(output, /LEAK|other tenant/);
  assert.match(output, /own: mine/);
  // Only the environment's own processes are in its /proc (the shell and its ls/grep).
  const pids = Number(/pids: (\d+)/.exec(output)?.[1]);
  assert.ok(pids >= 1 && pids <= 4, output);
});

test('code under /tmp stays at its own path inside the environment\'s /tmp', { skip: isolation.kind === 'none' && isolation.reason }, () => {
  const { codeDir } = folders('coded');
  const output = runIsolated('coded', `cat ${join(codeDir, 'handler.txt')}`);
  assert.equal(output, 'code of coded');
});

test('killing the wrapper ends every process of the environment, setsid children included', { skip: isolation.kind === 'none' && isolation.reason }, async () => {
  assert.equal(isolation.kind, 'namespaces');
  if (isolation.kind !== 'namespaces') return;
  const marker = `lmi-bench-isolation-${process.pid}-${Date.now()}`;
  const [command, ...args] = isolatedArgv(isolation, folders('killed'), ['sh', '-c', `(setsid sleep 300 ${marker} &); sleep 300`]);
  const child = spawn(command as string, args, { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let runtimePid: number | undefined;
  for (let i = 0; i < 100 && runtimePid === undefined; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    runtimePid = isolatedRuntimePid(child.pid as number);
  }
  assert.ok(runtimePid !== undefined && runtimePid !== child.pid);
  for (let i = 0; i < 100 && spawnSync('pgrep', ['-f', marker]).status !== 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(spawnSync('pgrep', ['-f', marker]).status, 0, 'the setsid child started');
  child.kill('SIGKILL');
  await exited;
  for (let i = 0; i < 100 && spawnSync('pgrep', ['-f', marker]).status === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.notEqual(spawnSync('pgrep', ['-f', marker]).status, 0, 'no process of the environment is left');
});

test('a working folder under /tmp gives no way out: `..` climbs inside the environment\'s /tmp', { skip: isolation.kind === 'none' && isolation.reason }, () => {
  assert.equal(isolation.kind, 'namespaces');
  if (isolation.kind !== 'namespaces') return;
  const other = folders('cwd-other');
  writeFileSync(join(other.tmpDir, 'secret'), 'other tenant');
  const own = folders('cwd-self');
  const [command, ...args] = isolatedArgv(isolation, own, ['sh', '-c', `cat ../../env/cwd-other/secret 2>/dev/null && echo LEAK; pwd`]);
  const result = spawnSync(command as string, args, { encoding: 'utf8', timeout: 10_000, cwd: own.codeDir });
  assert.equal(result.status, 0, result.stderr);
  assert.doesNotMatch(result.stdout, /LEAK|other tenant/);
  assert.equal(result.stdout.trim(), own.codeDir, 'the working folder is the code folder, kept at its path');
});

test('folders the runtime reads under /tmp stay at their paths; the others do not', { skip: isolation.kind === 'none' && isolation.reason }, () => {
  const cache = folders('cache');
  writeFileSync(join(cache.tmpDir, 'x'), 'not kept');
  const output = runIsolated('reader', `cat ${join(cache.codeDir, 'handler.txt')}; echo; cat ${join(cache.tmpDir, 'x')} 2>/dev/null || echo "no cache env"`, [cache.codeDir]);
  assert.match(output, /^code of cache\nno cache env$/);
});
