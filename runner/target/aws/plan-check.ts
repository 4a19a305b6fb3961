/**
 * What a plan must satisfy to measure anything on AWS. CloudWatch publishes LMI metrics in
 * 5-minute periods (standard Lambda: 1 minute), and a level's start time is not aligned to
 * period boundaries, so a level of L seconds is only sure to contain floor(L / P) − 1 whole
 * periods. The choice made here: RAISE each level to (n + 1) × P seconds, where n is the
 * number of whole periods the requested duration asks for (at least 1), and say so in a note;
 * refuse (UsageError) only what cannot be deployed at all.
 */
import { UsageError } from '../../errors.ts';
import type { BenchPlan } from '../../plan/plan.ts';
import { instanceShape } from '../../pricing/instance-types.ts';
import { durationCoveringPeriods, lambdaMetricPeriodSec, lmiMetricPeriodSec } from '../../plan/metric-periods.ts';

export { durationCoveringPeriods, lambdaMetricPeriodSec, lmiMetricPeriodSec } from '../../plan/metric-periods.ts';
/** The CDK CapacityProvider construct refuses a smaller MaxVCpuCount. */
export const minCapacityProviderVcpus = 12;

export interface AwsPlanCheck {
  plan: BenchPlan;
  notes: string[];
}

export function adjustPlanForAws(plan: BenchPlan): AwsPlanCheck {
  const notes: string[] = [];
  const usesLmi = plan.modes.includes('lmi');

  if (usesLmi) {
    if (plan.lmi.maxVcpus < minCapacityProviderVcpus) {
      throw new UsageError(`--lmi-max-vcpus ${plan.lmi.maxVcpus} is below ${minCapacityProviderVcpus}, the smallest capacity provider the CDK construct deploys`);
    }
    const instance = instanceShape(plan.lmi.instanceType);
    const memoryGiB = plan.lmi.memoryMb / 1024;
    for (const gibPerVcpu of plan.lmi.gibPerVcpu) {
      const vcpusPerEnvironment = memoryGiB / gibPerVcpu;
      const neededVcpus = vcpusPerEnvironment * plan.lmi.minEnvironments;
      if (neededVcpus > plan.lmi.maxVcpus) {
        throw new UsageError(
          `${plan.lmi.minEnvironments} environments of ${memoryGiB} GiB at ${gibPerVcpu} GiB/vCPU need ${neededVcpus} vCPUs, above --lmi-max-vcpus ${plan.lmi.maxVcpus}: the version would never become active`,
        );
      }
      if (vcpusPerEnvironment > instance.vcpus) {
        throw new UsageError(`an environment of ${memoryGiB} GiB at ${gibPerVcpu} GiB/vCPU needs ${vcpusPerEnvironment} vCPUs, more than a ${instance.instanceType} has (${instance.vcpus})`);
      }
    }
    notes.push('Function URLs in front of LMI functions are unverified by AWS documentation; use the http-api front door if invocations fail.');
  }

  const periodSec = usesLmi ? lmiMetricPeriodSec : lambdaMetricPeriodSec;
  const { durationSec, wholePeriods } = durationCoveringPeriods(plan.durationSec, periodSec);
  if (durationSec !== plan.durationSec) {
    notes.push(
      `Level duration raised from ${plan.durationSec} s to ${durationSec} s so that every level covers ${wholePeriods} whole ${periodSec / 60}-minute CloudWatch ${usesLmi ? 'LMI ' : ''}metric period${wholePeriods === 1 ? '' : 's'} wherever it starts.`,
    );
  }
  return { plan: { ...plan, durationSec }, notes };
}
