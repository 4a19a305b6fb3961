/**
 * `npm run check:ric`: AWS's Node.js runtime interface client (aws-lambda-ric 4.x, from the npm
 * registry) speaks to the local engine's Runtime API, a client no one here wrote. Installs it
 * into a temporary folder (its native build takes about ten minutes), deploys a handler through
 * it as an OS-only runtime (a bootstrap that execs the client) on standard Lambda and on LMI
 * (maximum concurrency 4; the client opens more /next calls than that), sends requests, and
 * prints one line per mode. Exit 0 when both answered every request, 1 otherwise. Not part of
 * `npm test`: it needs the network and minutes.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../runner/target/local/engine-process.ts';
import { errorMessage } from '../runner/system/error-message.ts';

const ricVersion = '4';

async function post(url: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: response.status, text: await response.text() };
}

function workload(root: string): string {
  const dir = join(root, 'workload');
  mkdirSync(join(dir, 'runtime'), { recursive: true });
  writeFileSync(
    join(dir, 'runtime', 'index.mjs'),
    `export const handler = async (event, context) => {
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { statusCode: 200, body: JSON.stringify({ requestId: context.awsRequestId, maxConcurrency: process.env.AWS_LAMBDA_MAX_CONCURRENCY ?? null }) };
};
`,
  );
  const ric = join(root, 'node_modules', 'aws-lambda-ric', 'index.mjs');
  writeFileSync(join(dir, 'runtime', 'bootstrap'), `#!/bin/sh\ncd "$LAMBDA_TASK_ROOT"\nexec "${process.execPath}" "${ric}" "$_HANDLER"\n`);
  chmodSync(join(dir, 'runtime', 'bootstrap'), 0o755);
  writeFileSync(join(dir, 'workload.json'), JSON.stringify({ name: 'ric', kind: 'io', memoryMb: 512, event: {}, runtimes: { provided: { handler: 'index.handler', code: 'runtime' } } }));
  return dir;
}

async function main(): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), 'lmi-bench-ric-'));
  try {
    const started = Date.now();
    process.stdout.write(`installing aws-lambda-ric@${ricVersion} into ${root} (its native build takes minutes)\n`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', `aws-lambda-ric@${ricVersion}`], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    process.stdout.write(`installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
    const dir = workload(root);
    const engine = await startEngine();
    let ok = true;
    try {
      const base = { workloadDir: dir, runtime: 'provided' as const, timeoutMs: 30_000 };
      const standard = await engine.client.deploy({ ...base, name: 'ric-standard', compute: { type: 'lambda', memoryMb: 512, concurrencyLimit: 10, idleTimeoutMs: 60_000 } });
      const lmi = await engine.client.deploy({
        ...base,
        name: 'ric-lmi',
        compute: { type: 'lmi', memoryMb: 2048, maxConcurrency: 4, gibPerVcpu: 2, minEnvironments: 1, instanceType: 'm7g.xlarge', maxVcpus: 16 },
      });
      // LMI: as many at once as the environment's maximum concurrency (more would be throttled, 429).
      for (const [mode, url, count] of [['standard', standard.url, 2], ['lmi', lmi.url, 4]] as const) {
        const t0 = Date.now();
        const replies = await Promise.all(Array.from({ length: count }, () => post(url, {})));
        const good = replies.filter((r) => r.status === 200).length;
        const sample = replies.find((r) => r.status === 200)?.text ?? '';
        const failed = replies.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 120)}`);
        process.stdout.write(`${mode}: ${good}/${count} answered 200 in ${Date.now() - t0} ms; e.g. ${sample.slice(0, 200)}${failed.length > 0 ? `; failed: ${failed.join(' | ')}` : ''}\n`);
        if (good !== count) ok = false;
      }
    } finally {
      await engine.stop();
    }
    process.stdout.write(ok ? 'aws-lambda-ric ran handlers through the engine on both modes\n' : 'aws-lambda-ric did not answer every request\n');
    return ok ? 0 : 1;
  } catch (error) {
    process.stderr.write(`check:ric: ${errorMessage(error)}\n`);
    return 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

process.exitCode = await main();
