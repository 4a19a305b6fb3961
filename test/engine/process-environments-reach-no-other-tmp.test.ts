// test-lane: serial
// No Python, Java or OS-only environment can read another function's /tmp, by any path: its
// literal host path (a `/tmp/...` a handler writes, Java's new File), through /proc/self/root,
// /proc/<its parent>/root, /proc/1/root, the engine's own /proc entry, or a child process (cat).
// Each environment runs in mount and pid namespaces of its own (runner/engine/isolation.ts).
// Where this machine cannot make them, the test is skipped with the reason run.json states.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentIsolation } from '../../runner/engine/isolation.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { javaSourceWorkload, providedWorkload } from './runtime-api-workloads.ts';
import { lmiSpec, send, sendMany, standardSpec } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

const isolation = environmentIsolation();
const skip = isolation.kind === 'none' && isolation.reason;
/** The other function's file name, and its content: never the same text, so an error naming the file is no leak. */
const fileName = `other-${process.pid}-${Date.now()}`;
const secret = `tenant-data-${process.pid}-${Date.now()}`;
let engine: EngineHandle;
let writerDir: string;
/** The other function's file, as the host sees it. */
let hostPath: string;
const dirs: string[] = [];

function pythonWorkload(name: string, source: string): string {
  const dir = testTempDir(`lmi-bench-${name}-`);
  dirs.push(dir);
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'python', 'index.py'), source);
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name, kind: 'io', memoryMb: 256, runtimes: { python: { handler: 'python/index.handler' } } }));
  return dir;
}

/** The engine's folder of the environment that wrote `name`, found on the host. */
function findOnHost(name: string): string | undefined {
  for (const root of readdirSync(tmpdir()).filter((entry) => entry.startsWith('lmi-bench-engine-'))) {
    const envs = join(tmpdir(), root, 'env');
    let entries: string[] = [];
    try {
      entries = readdirSync(envs);
    } catch {
      continue;
    }
    for (const env of entries) if (readdirSync(join(envs, env)).includes(name)) return join(envs, env, name);
  }
  return undefined;
}

before(async () => {
  if (skip) return;
  engine = await startEngine();
  writerDir = pythonWorkload('tmp-writer', `def handler(event, context):\n    with open('/tmp/${fileName}', 'w') as f:\n        f.write('${secret}')\n    return {'statusCode': 200}\n`);
  const writer = await engine.client.deploy(standardSpec('tmp-writer', {}, { runtime: 'python', workloadDir: writerDir }));
  assert.equal((await send(writer.url, {})).status, 200);
  const found = findOnHost(fileName);
  assert.ok(found, 'the writer\'s file is in its own environment folder on the host');
  hostPath = found;
});
after(async () => {
  await engine?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The paths every reader tries; each runtime adds /proc/<its parent>/root and a child process. */
function candidates(): string[] {
  return [hostPath, `/proc/self/root${hostPath}`, `/proc/1/root${hostPath}`, `/proc/${engine.pid}/root${hostPath}`, `/proc/${process.pid}/root${hostPath}`];
}

/**
 * Python source of `leaks()`: the candidate paths, and /proc/<parent>/root, through which the
 * secret can be read (both Python readers use it).
 */
function pythonLeaksFunction(): string {
  return `PATHS = ${JSON.stringify(candidates())}

def leaks():
    found = []
    for path in PATHS + ['/proc/%d/root%s' % (os.getppid(), PATHS[0])]:
        try:
            with open(path) as f:
                if '${secret}' in f.read():
                    found.append(path)
        except OSError:
            pass
    return found
`;
}

/** What the reader answered: the paths through which it read the secret, and a write of its own. */
async function readerAnswer(runtime: 'python' | 'java' | 'provided', workloadDir: string): Promise<{ leaks: string[]; own: string }> {
  const fn = await engine.client.deploy(standardSpec(`tmp-reader-${runtime}`, {}, { runtime, workloadDir }));
  const reply = await send(fn.url, {});
  assert.equal(reply.status, 200, reply.body);
  return reply.json<{ leaks: string[]; own: string }>();
}

test('a Python environment reads no other function\'s /tmp', { skip, timeout: 60_000 }, async () => {
  const source = `import os, subprocess
${pythonLeaksFunction()}
def handler(event, context):
    found = leaks()
    child = subprocess.run(['cat', PATHS[0]], capture_output=True, text=True)
    if '${secret}' in child.stdout:
        found.append('child process: cat ' + PATHS[0])
    with open('/tmp/own', 'w') as f:
        f.write('mine')
    with open('/tmp/own') as f:
        return {'statusCode': 200, 'body': __import__('json').dumps({'leaks': found, 'own': f.read()})}
`;
  const answer = await readerAnswer('python', pythonWorkload('tmp-reader-python', source));
  assert.deepEqual(answer, { leaks: [], own: 'mine' });
});

test('a Java environment reads no other function\'s /tmp, not even by new File("/tmp/...")', { skip, timeout: 120_000 }, async () => {
  const paths = candidates().map((p) => JSON.stringify(p)).join(', ');
  const dir = javaSourceWorkload('tmp-reader-java', 'demo.Reader', {
    'demo/Reader.java': `package demo;
import java.io.*;
import java.nio.file.*;
import java.util.*;
public class Reader {
  public String handleRequest(Map<String, Object> event) throws Exception {
    List<String> paths = new ArrayList<>(List.of(${paths}));
    ProcessHandle.current().parent().ifPresent(p -> paths.add("/proc/" + p.pid() + "/root" + paths.get(0)));
    List<String> leaks = new ArrayList<>();
    for (String path : paths) {
      try {
        if (Files.readString(new File(path).toPath()).contains("${secret}")) leaks.add(path);
      } catch (IOException e) {
        // unreachable, as it must be
      }
    }
    Process cat = new ProcessBuilder("cat", paths.get(0)).start();
    if (new String(cat.getInputStream().readAllBytes()).contains("${secret}")) leaks.add("child process: cat");
    cat.waitFor();
    Files.writeString(new File("/tmp/own").toPath(), "mine");
    StringBuilder json = new StringBuilder("{\\"leaks\\":[");
    for (int i = 0; i < leaks.size(); i++) json.append(i == 0 ? "" : ",").append('"').append(leaks.get(i)).append('"');
    return json.append("],\\"own\\":\\"").append(Files.readString(Path.of("/tmp/own"))).append("\\"}").toString();
  }
}`,
  });
  const fn = await engine.client.deploy(standardSpec('tmp-reader-java', {}, { runtime: 'java', workloadDir: dir }));
  const reply = await send(fn.url, {});
  assert.equal(reply.status, 200, reply.body);
  assert.deepEqual(JSON.parse(reply.body), { leaks: [], own: 'mine' });
});

test('an OS-only environment (a shell bootstrap) reads no other function\'s /tmp', { skip, timeout: 60_000 }, async () => {
  const script = `#!/bin/sh
api="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
h="$(mktemp)"
while true; do
  curl -sS -D "$h" -o /dev/null "$api/invocation/next" || exit 1
  id="$(grep -i '^lambda-runtime-aws-request-id:' "$h" | tr -d '\\r' | cut -d' ' -f2)"
  leaks=""
  for p in ${candidates().map((p) => `'${p}'`).join(' ')} "/proc/$PPID/root${hostPath}"; do
    if grep -q '${secret}' "$p" 2>/dev/null; then leaks="$leaks\\"$p\\","; fi
  done
  echo mine > /tmp/own
  curl -sS -o /dev/null -X POST -d "{\\"leaks\\":[\${leaks%,}],\\"own\\":\\"$(cat /tmp/own)\\"}" "$api/invocation/$id/response"
done
`;
  const answer = await readerAnswer('provided', providedWorkload('tmp-reader-provided', script));
  assert.deepEqual(answer, { leaks: [], own: 'mine' });
});

test('the slot processes of a Python LMI environment share its /tmp and read no other function\'s', { skip, timeout: 60_000 }, async () => {
  const source = `import json, os, time, uuid
${pythonLeaksFunction()}
ME = uuid.uuid4().hex

def handler(event, context):
    found = leaks()
    open('/tmp/mark-' + ME, 'w').close()
    time.sleep(0.8)
    marks = sorted(n for n in os.listdir('/tmp') if n.startswith('mark-'))
    return {'statusCode': 200, 'body': json.dumps({'leaks': found, 'me': ME, 'marks': marks})}
`;
  const dir = pythonWorkload('tmp-reader-python-lmi', source);
  const fn = await engine.client.deploy(lmiSpec('tmp-reader-python-lmi', { minEnvironments: 1, maxConcurrency: 4 }, { runtime: 'python', workloadDir: dir }));
  const replies = await sendMany(fn.url, 4, {});
  assert.deepEqual(replies.map((r) => r.status), [200, 200, 200, 200], replies.map((r) => r.body).join('\n'));
  const answers = replies.map((r) => r.json<{ leaks: string[]; me: string; marks: string[] }>());
  assert.deepEqual(answers.flatMap((a) => a.leaks), []);
  assert.equal(new Set(answers.map((a) => a.me)).size, 4, 'four slot processes served');
  assert.ok(answers.some((a) => a.marks.length === 4), 'a slot sees the marks every slot left in the shared /tmp');
});
