// test-lane: concurrent: asserts an exit code and message.
// Bad Java and OS-only code: each is one line and exit 2 from `lmi-bench engine --workload`
// (which deploys the function, so init runs), never a stack trace; the engine of a failed
// deploy stays up and serves the next function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngine } from '../../runner/target/local/engine-process.ts';
import { cleanEnv, repoRoot, runProcess } from '../cli/spawn-cli.ts';
import { javaJarWorkload, providedWorkload } from './runtime-api-workloads.ts';
import { send, standardSpec } from './support.ts';

const handlerClass = `package demo;
import java.io.*;
public class Echo {
  public void handle(InputStream in, OutputStream out) throws IOException { out.write("{\\"statusCode\\":200,\\"body\\":\\"ok\\"}".getBytes()); }
  public static int add(int a, int b) { return a + b; }
}
`;

async function engineDeploy(dir: string, runtime: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; lines: string[] }> {
  const run = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'engine', '--workload', dir, '--runtime', runtime], { env: cleanEnv(env), timeoutMs: 60_000 });
  return { code: run.code, lines: run.stderr.split('\n').filter((l) => l.trim() !== '') };
}

const cases: Array<{ what: string; make: () => string; runtime: string; env?: NodeJS.ProcessEnv; line: RegExp }> = [
  {
    what: 'a jar without the handler class',
    make: () => javaJarWorkload('no-class', 'demo.Missing::handle', { 'demo/Echo.java': handlerClass }),
    runtime: 'java',
    line: /^lmi-bench: handler init failed: Runtime\.ClassNotFound: Class not found: demo\.Missing \(in .*code\.jar\)$/,
  },
  {
    what: 'a method with a signature no Lambda runtime accepts',
    make: () => javaJarWorkload('bad-signature', 'demo.Echo::add', { 'demo/Echo.java': handlerClass }),
    runtime: 'java',
    line: /^lmi-bench: handler init failed: Runtime\.MethodNotFound: Method demo\.Echo::add\(int, int\) has a signature no Lambda runtime accepts/,
  },
  {
    what: 'a JVM that cannot start',
    make: () => javaJarWorkload('no-jvm', 'demo.Echo::handle', { 'demo/Echo.java': handlerClass }),
    runtime: 'java',
    env: { JAVA_TOOL_OPTIONS: '-XX:+NoSuchLmiBenchOption' },
    line: /^lmi-bench: handler init failed: the runtime exited during init \(exit status 1\): Unrecognized VM option 'NoSuchLmiBenchOption'$/,
  },
  {
    what: 'a bootstrap without its run bit',
    make: () => providedWorkload('no-run-bit', '#!/bin/sh\nexit 0\n', { executable: false }),
    runtime: 'provided',
    line: /^lmi-bench: runtime\/bootstrap is not executable: Lambda runs it as a program \(chmod \+x runtime\/bootstrap\)$/,
  },
  {
    what: 'a bootstrap that exits at once',
    make: () => providedWorkload('exits', '#!/bin/sh\necho "missing config" >&2\nexit 3\n'),
    runtime: 'provided',
    line: /^lmi-bench: handler init failed: the runtime exited during init \(exit status 3\): missing config$/,
  },
];

for (const c of cases) {
  test(`${c.what}: one line, exit 2`, { timeout: 90_000 }, async () => {
    const { code, lines } = await engineDeploy(c.make(), c.runtime, c.env);
    assert.equal(code, 2, lines.join('\n'));
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0] ?? '', c.line);
  });
}

test('a failed deploy leaves the engine up: the next function deploys and answers', { timeout: 90_000 }, async () => {
  const engine = await startEngine();
  try {
    const bad = providedWorkload('exits-shared', '#!/bin/sh\nexit 3\n');
    await assert.rejects(engine.client.deploy(standardSpec('bad-bootstrap', {}, { runtime: 'provided', workloadDir: bad })), /exited during init \(exit status 3\)/);
    const good = javaJarWorkload('good', 'demo.Echo::handle', { 'demo/Echo.java': handlerClass });
    const fn = await engine.client.deploy(standardSpec('good-java', {}, { runtime: 'java', workloadDir: good }));
    const reply = await send(fn.url, {});
    assert.equal(reply.status, 200);
    assert.equal(reply.body, 'ok');
  } finally {
    await engine.stop();
  }
});
