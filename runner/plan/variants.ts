/** The function configurations a plan deploys: standard Lambda, then every LMI settings combination. */
import type { BenchPlan } from './plan.ts';
import type { Variant } from '../domain.ts';
import { runtimeRegistry, type Runtime } from '../runtimes/registry.ts';
import { benchDefaults, defaultLmiMemoryMb, lmiMaxConcurrencyPerVcpu } from './defaults.ts';

/** What the variants of a plan depend on. */
export type VariantInputs = Pick<BenchPlan, 'modes'> & {
  lambda: Pick<BenchPlan['lambda'], 'memoryMb'>;
  lmi: Pick<BenchPlan['lmi'], 'memoryMb' | 'maxConcurrency' | 'gibPerVcpu' | 'maxConcurrencyPerVcpu' | 'targetCpuPercent'>;
};

export function planVariants(plan: VariantInputs): Variant[] {
  const targets = plan.lmi.targetCpuPercent ?? [];
  if (targets.length === 0) return settingsVariants(plan);
  // --lmi-target-cpu is swept like the other LMI settings: every combination at every target.
  return settingsVariants(plan).flatMap((variant) =>
    variant.mode === 'lambda'
      ? [variant]
      : targets.map((targetCpuPercent) => ({ ...variant, id: `${variant.id}-t${targetCpuPercent}`, settings: { ...variant.settings, targetCpuPercent } })),
  );
}

function settingsVariants(plan: VariantInputs): Variant[] {
  const variants: Variant[] = [];
  if (plan.modes.includes('lambda')) {
    variants.push({ id: `lambda-m${plan.lambda.memoryMb}`, mode: 'lambda', settings: { memoryMb: plan.lambda.memoryMb } });
  }
  if (plan.modes.includes('lmi')) {
    const { maxConcurrencyPerVcpu, memoryMb } = plan.lmi;
    if (maxConcurrencyPerVcpu !== undefined) {
      // The default: each GiB-per-vCPU value gets the slots its own vCPUs call for.
      for (const gibPerVcpu of plan.lmi.gibPerVcpu) {
        const maxConcurrency = lmiMaxConcurrencyPerVcpu(maxConcurrencyPerVcpu, memoryMb, gibPerVcpu);
        variants.push({ id: `lmi-c${maxConcurrency}-g${idNumber(gibPerVcpu)}`, mode: 'lmi', settings: { memoryMb, maxConcurrency, gibPerVcpu } });
      }
      return variants;
    }
    for (const maxConcurrency of plan.lmi.maxConcurrency) {
      for (const gibPerVcpu of plan.lmi.gibPerVcpu) {
        variants.push({
          id: `lmi-c${maxConcurrency}-g${idNumber(gibPerVcpu)}`,
          mode: 'lmi',
          settings: { memoryMb: plan.lmi.memoryMb, maxConcurrency, gibPerVcpu },
        });
      }
    }
  }
  return variants;
}

/** Function names allow letters, digits, '-' and '_' only: 2.5 GiB per vCPU becomes `2p5`. */
function idNumber(value: number): string {
  return String(value).replace('.', 'p');
}

/**
 * The variants of a default bench of a workload (no flags): its memory on standard Lambda, and
 * LMI at the default GiB per vCPU with the runtime's default slots per vCPU. Plain `cdk synth`
 * deploys these, so the stack CDK shows is the one `npm run bench` measures.
 */
export function defaultVariants(manifestMemoryMb: number, runtime: Runtime): Variant[] {
  const gibPerVcpu = [...benchDefaults.lmi.gibPerVcpu];
  const lmiMemoryMb = defaultLmiMemoryMb(manifestMemoryMb, Math.max(...gibPerVcpu));
  return planVariants({
    modes: [...benchDefaults.modes],
    lambda: { memoryMb: manifestMemoryMb },
    lmi: { memoryMb: lmiMemoryMb, maxConcurrency: [], gibPerVcpu, maxConcurrencyPerVcpu: runtimeRegistry[runtime].maxConcurrencyPerVcpu },
  });
}
