// test-lane: concurrent: asserts the variables a handler sees, not time.
// Lambda's Node.js 20+ runtimes load no extra CA certificates unless the function sets
// NODE_EXTRA_CA_CERTS; a host that sets it for its own tools (a proxy's CA bundle) must not make
// every environment here parse that bundle at start. The host's other variables still reach
// the handler, on every kind of environment: Node.js (standard and LMI), Python, and a runtime
// on the Runtime API. A bundle the user sets for the functions reaches them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionCaCertsVariable } from '../../runner/engine/host-variables.ts';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import type { FunctionSpec } from '../../runner/engine/protocol.ts';
import { providedWorkload } from './runtime-api-workloads.ts';
import { lmiSpec, send, standardSpec } from './support.ts';
import { testTempDir } from '../temp-dir.ts';

const marker = 'kept-from-the-host';

const nodeHandler = `export const handler = async () => ({ extraCa: process.env.NODE_EXTRA_CA_CERTS ?? null, marker: process.env.LMI_BENCH_TEST_MARKER ?? null });\n`;
const pythonHandler = `import os\n\ndef handler(event, context):\n    return {"extraCa": os.environ.get("NODE_EXTRA_CA_CERTS"), "marker": os.environ.get("LMI_BENCH_TEST_MARKER")}\n`;
const bootstrap = `#!/bin/sh
api="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
h="$(mktemp)"
while true; do
  curl -sS -D "$h" -o /dev/null "$api/invocation/next" || exit 1
  id="$(grep -i '^lambda-runtime-aws-request-id:' "$h" | tr -d '\\r' | cut -d' ' -f2)"
  curl -sS -X POST --data-binary "{\\"extraCa\\":\\"\${NODE_EXTRA_CA_CERTS:-}\\",\\"marker\\":\\"\${LMI_BENCH_TEST_MARKER:-}\\"}" "$api/invocation/$id/response" > /dev/null || exit 1
done
`;

let engine: EngineHandle;
let dir: string;
before(async () => {
  dir = testTempDir('lmi-bench-host-variables-');
  mkdirSync(join(dir, 'node'));
  writeFileSync(join(dir, 'node', 'index.mjs'), nodeHandler);
  mkdirSync(join(dir, 'python'));
  writeFileSync(join(dir, 'python', 'index.py'), pythonHandler);
  const manifest = { name: 'variables', kind: 'io', memoryMb: 512, runtimes: { node: { handler: 'node/index.handler' }, python: { handler: 'python/index.handler' } } };
  writeFileSync(join(dir, 'workload.json'), JSON.stringify(manifest));
  // The engine runs as a user's would on a host that sets a CA bundle for its own tools.
  engine = await startEngine({ env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'proxy-ca.pem'), LMI_BENCH_TEST_MARKER: marker } });
});
after(() => engine.stop());

async function variablesSeenBy(spec: FunctionSpec): Promise<{ extraCa: string | null; marker: string | null }> {
  const fn = await engine.client.deploy(spec);
  const reply = await send(fn.url, {});
  assert.equal(reply.status, 200, reply.body);
  return reply.json();
}

const kinds: Array<[string, () => FunctionSpec]> = [
  ['Node.js, standard Lambda', () => standardSpec('vars-node-std', {}, { workloadDir: dir })],
  ['Node.js, LMI', () => lmiSpec('vars-node-lmi', { minEnvironments: 1, maxEnvironments: 1, maxConcurrency: 2 }, { workloadDir: dir })],
  ['Python, standard Lambda', () => standardSpec('vars-python-std', {}, { workloadDir: dir, runtime: 'python' })],
  ['OS-only runtime on the Runtime API', () => standardSpec('vars-provided-std', {}, { workloadDir: providedWorkload('vars-provided', bootstrap), runtime: 'provided' })],
];

test('a bundle set for the functions (LMI_BENCH_FUNCTION_NODE_EXTRA_CA_CERTS) reaches a Node.js handler as NODE_EXTRA_CA_CERTS', { timeout: 60_000 }, async () => {
  const bundle = join(dir, 'functions-ca.pem');
  const withBundle = await startEngine({ env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'proxy-ca.pem'), [functionCaCertsVariable]: bundle } });
  try {
    const fn = await withBundle.client.deploy(standardSpec('vars-node-bundle', {}, { workloadDir: dir }));
    const reply = await send(fn.url, {});
    assert.equal(reply.status, 200, reply.body);
    assert.equal(reply.json<{ extraCa: string | null }>().extraCa, bundle);
  } finally {
    await withBundle.stop();
  }
});

for (const [kind, spec] of kinds) {
  test(`${kind}: the handler sees the host's variables but not its NODE_EXTRA_CA_CERTS`, { timeout: 60_000 }, async () => {
    const seen = await variablesSeenBy(spec());
    assert.equal(seen.marker, marker, 'a host variable reaches the handler');
    assert.ok(seen.extraCa === null || seen.extraCa === '', `the handler saw NODE_EXTRA_CA_CERTS=${seen.extraCa}`);
  });
}
