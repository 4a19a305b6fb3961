/** The function configurations a plan deploys: standard Lambda, then every LMI settings combination. */
import type { BenchPlan } from './plan.ts';
import type { Variant } from '../domain.ts';
import { lmiMaxConcurrencyPerVcpu } from './defaults.ts';

export function planVariants(plan: BenchPlan): Variant[] {
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
