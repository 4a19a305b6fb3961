/** Shared fixtures of the AWS target tests: a real plan, recorded-format stack outputs, the CDK stand-in. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs } from '../../runner/cli/commands/bench-flags.ts';
import type { BenchPlan } from '../../runner/plan/plan.ts';
import { stackNameForRun, variantOutputKey } from '../../infra/naming.ts';
import type { Variant } from '../../runner/domain.ts';
import { testTempDir } from '../temp-dir.ts';

export const fakeCdk = fileURLToPath(new URL('./fake-cdk.mjs', import.meta.url));

export const testCredentialsEnv = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** A plan the real parser produced (offline prices), switched to the aws target. */
export async function awsPlan(extraArgs: string[] = []): Promise<BenchPlan> {
  const out = testTempDir('lmi-bench-aws-');
  const parsed = await parseBenchArgs(['--workload', 'io-bound', '--out', out, '--offline', '--run-id', 'aws-test-1', ...extraArgs], {});
  if (parsed.kind !== 'plan') throw new Error('expected a plan');
  return { ...parsed.plan, target: 'aws', aws: { keep: false, maxSpendUsd: 1000 } };
}

/** What `cdk deploy --outputs-file` writes for the bench stack of `plan` (CDK's format). */
export function recordedOutputs(plan: BenchPlan, variants: Variant[]): Record<string, Record<string, string>> {
  const stack = stackNameForRun(plan.runId);
  const outputs: Record<string, string> = {
    CapacityProviderName: 'CapacityProvider7AA4F436-Xc2bQ1Jm9LkA',
    InstanceType: plan.lmi.instanceType,
    FrontDoor: 'function-url',
    RunId: plan.runId,
  };
  variants.forEach((variant, i) => {
    const name = `${stack}-IoBound${variant.mode === 'lmi' ? 'Lmi' : 'Lambda'}Fn-${i}A1b2C3d4`;
    const key = (field: Parameters<typeof variantOutputKey>[2]): string => variantOutputKey(plan.workload.manifest.name, variant.id, field);
    outputs[key('FunctionName')] = name;
    outputs[key('AliasArn')] = `arn:aws:lambda:${plan.region}:123456789012:function:${name}:live`;
    outputs[key('Version')] = '1';
    outputs[key('Url')] = `https://${(i + 10).toString(36)}k3xq7m2vyzp4e5bhl6w.lambda-url.${plan.region}.on.aws/`;
    if (variant.mode === 'lmi') outputs[key('CapacityProviderName')] = outputs['CapacityProviderName'] as string;
  });
  return { [stack]: outputs };
}

export interface FakeCdk {
  env: NodeJS.ProcessEnv;
  calls(): Array<{ args?: string[]; event?: string; region?: string | null; output?: { path: string; mode: number | null; isSymbolicLink: boolean } | null }>;
}

/** Environment that makes the AWS target spawn the stand-in, log to a temp file, and copy `outputs`. */
export function fakeCdkEnv(outputs: unknown, extra: Record<string, string> = {}): FakeCdk {
  const dir = testTempDir('lmi-bench-fake-cdk-');
  const log = join(dir, 'calls.jsonl');
  const outputsPath = join(dir, 'recorded-outputs.json');
  writeFileSync(outputsPath, JSON.stringify(outputs, null, 2));
  return {
    env: { ...process.env, ...testCredentialsEnv, HOME: dir, LMI_BENCH_CDK: fakeCdk, FAKE_CDK_LOG: log, FAKE_CDK_OUTPUTS: outputsPath, ...extra },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []),
  };
}
