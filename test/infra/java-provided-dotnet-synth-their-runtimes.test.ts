// test-lane: concurrent: asserts synthesised templates.
// `cdk synth` of a Java, an OS-only (provided) and a .NET variant: each function has the
// runtime LMI requires (java21, provided.al2023, dotnet8), the handler as the workload names it,
// its package as the code asset (Java sources compiled to classes first), and on LMI the
// capacity provider config.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { synthTemplate, testVariants } from './helpers.ts';
import { testTempDir } from '../temp-dir.ts';

type Resource = { Properties: Record<string, any> };

function functions(template: Template): Resource[] {
  return Object.values(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).filter((f) => String(f.Properties['Description']).startsWith('lmi-bench'));
}

function assertVariants(template: Template, runtime: string, handler: string): Resource[] {
  const all = functions(template);
  assert.equal(all.length, testVariants.length);
  for (const f of all) {
    assert.equal(f.Properties['Runtime'], runtime);
    assert.equal(f.Properties['Handler'], handler);
  }
  for (const variant of testVariants) {
    const f = all.find((x) => String(x.Properties['Description']).endsWith(` ${variant.id}`));
    assert.ok(f, variant.id);
    const config = f.Properties['CapacityProviderConfig']?.LambdaManagedInstancesCapacityProviderConfig;
    if (variant.mode === 'lambda') {
      assert.equal(config, undefined);
      continue;
    }
    assert.equal(config.PerExecutionEnvironmentMaxConcurrency, variant.settings.maxConcurrency);
    assert.equal(config.ExecutionEnvironmentMemoryGiBPerVCpu, variant.settings.gibPerVcpu);
  }
  return all;
}

/** The files of the folder CDK staged as the functions' asset (asset.<hash> beside the template). */
function stagedAsset(template: Template, outdir: string): string[] {
  const [f] = functions(template);
  const hash = String(f?.Properties['Code'].S3Key).replace(/\.(zip|jar)$/, '');
  return readdirSync(join(outdir, `asset.${hash}`), { recursive: true }) as string[];
}

test('Java: java21, package.Class::method, the compiled classes as the asset, capacity provider on LMI', { timeout: 120_000 }, () => {
  const { template, stack } = synthTemplate({ runtime: 'java', workload: 'io-bound' });
  assertVariants(template, 'java21', 'lmibench.workloads.IoBound::handleRequest');
  const files = stagedAsset(template, (stack.node.root as App).outdir);
  assert.ok(files.includes(join('lmibench', 'workloads', 'IoBound.class')), files.join(', '));
  assert.ok(!files.some((f) => f.endsWith('.java')), 'classes, not sources');
});

test('OS-only: provided.al2023, the handler string, the bootstrap folder as the asset, capacity provider on LMI', { timeout: 120_000 }, () => {
  const dir = fileURLToPath(new URL('../fixtures/workloads/provided-curl', import.meta.url));
  const { template, stack } = synthTemplate({ runtime: 'provided', workload: dir });
  assertVariants(template, 'provided.al2023', 'sleep.handler');
  assert.deepEqual(stagedAsset(template, (stack.node.root as App).outdir), ['bootstrap']);
});

test('.NET: dotnet8 from a published folder, Assembly::Namespace.Class::Method, capacity provider on LMI', { timeout: 120_000 }, () => {
  // Synth reads the package as files only: a folder named like a publish output is enough here.
  const dir = testTempDir('lmi-bench-dotnet-');
  try {
    mkdirSync(join(dir, 'publish'));
    writeFileSync(join(dir, 'publish', 'Orders.runtimeconfig.json'), '{"runtimeOptions":{"tfm":"net8.0"}}');
    const manifest = { name: 'orders', kind: 'io', memoryMb: 512, event: {}, runtimes: { dotnet: { handler: 'Orders::Orders.Function::Handle', code: 'publish' } } };
    writeFileSync(join(dir, 'workload.json'), JSON.stringify(manifest));
    const { template } = synthTemplate({ runtime: 'dotnet', workload: dir });
    assertVariants(template, 'dotnet8', 'Orders::Orders.Function::Handle');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
