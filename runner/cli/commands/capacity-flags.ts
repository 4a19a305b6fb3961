/**
 * The flags of LMI sizing and of the discounts, shared by `bench`, `cost lmi`, `cost lambda`
 * and `cost crossover` (runner/capacity/lmi-sizing.ts, capacity/scaling-target.ts, cost/lambda-cost.ts).
 */
import { UsageError } from '../../errors.ts';
import { maxLambdaDurationDiscount } from '../../cost/lambda-cost.ts';
import { maxLmiDiscount } from '../../cost/lmi-cost.ts';
import { defaultInstanceReservation } from '../../capacity/lmi-sizing.ts';
import { manualTargetPercent } from '../../capacity/scaling-target.ts';
import { valueFlag } from '../flag-reader.ts';
import { parseDecimal, parseInteger, parseIntegerList, parseWordList } from '../values.ts';

export const lambdaDiscountFlag = valueFlag({
  value: `0-${maxLambdaDurationDiscount}`,
  help: 'Compute Savings Plans discount on standard Lambda duration (not on requests)',
  default: '0',
  parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: maxLambdaDurationDiscount }),
});

export const lmiDiscountFlag = valueFlag({
  value: `0-${maxLmiDiscount}`,
  help: "commitment discount (Savings Plans / RIs) on LMI's EC2 part; the 15% management fee is never discounted",
  default: '0',
  parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: maxLmiDiscount }),
});

/** The old single discount: refused with the two names that replace it. */
export const refusedDiscountFlag = valueFlag<never>({
  value: 'F',
  help: 'replaced by --lmi-discount and --lambda-discount',
  defaultText: 'refused',
  parse: (_raw, label) => {
    throw new UsageError(`${label} is gone: use --lmi-discount 0-${maxLmiDiscount} (LMI's EC2 part) and --lambda-discount 0-${maxLambdaDurationDiscount} (Lambda duration, Compute Savings Plans)`);
  },
});

export const instanceTypesFlag = valueFlag({
  value: 'LIST',
  help: "LMI instance types to choose from (the cheapest that holds the environments at each rate); all of the architecture's m/c/r types when absent",
  defaultText: "the architecture's candidate set",
  parse: (raw, label) => parseWordList(label, raw),
});

export const functionsPerProviderFlag = valueFlag({
  value: 'N',
  help: "functions sharing the LMI capacity provider: the 3-instance floor is split between them",
  default: '1',
  parse: (raw, label) => parseInteger(label, raw, { min: 1, max: 1000 }),
});

export const reserveVcpuFlag = valueFlag({
  value: 'VCPU',
  help: "vCPUs each LMI instance keeps for itself (OS, Lambda's agent), never given to environments; 0 reserves nothing",
  default: String(defaultInstanceReservation.vcpus),
  parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: 64 }),
});

export const reserveGibFlag = valueFlag({
  value: 'GIB',
  help: 'GiB of memory each LMI instance keeps for itself, never given to environments; 0 reserves nothing',
  default: String(defaultInstanceReservation.memoryGiB),
  parse: (raw, label) => parseDecimal(label, raw, { min: 0, max: 512 }),
});

/** One manual target (cost commands). */
export const targetCpuFlag = valueFlag({
  value: 'PCT',
  help: `LMI manual scaling: target tracking at PCT% average CPU (${manualTargetPercent.min}-${manualTargetPercent.max}); also the slot target`,
  defaultText: 'Auto (50% CPU and 50% of slots)',
  parse: (raw, label) => parseInteger(label, raw, manualTargetPercent),
});

/** Swept manual targets (bench): each value is a variant deployed as a target tracking policy. */
export const targetCpuListFlag = valueFlag({
  value: 'LIST',
  help: `LMI manual scaling targets to sweep, % average CPU (${manualTargetPercent.min}-${manualTargetPercent.max}), each deployed as a target tracking policy`,
  defaultText: 'Auto scaling (50% CPU and 50% of slots)',
  parse: (raw, label) => parseIntegerList(label, raw, manualTargetPercent),
});

export const scaleOutDelayFlag = valueFlag({
  value: 'MIN',
  help: 'monthly projection: minutes from a rise in traffic to the LMI capacity for it',
  default: '5',
  parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 1440 }),
});

export const scaleInDelayFlag = valueFlag({
  value: 'MIN',
  help: 'monthly projection: minutes LMI keeps capacity after traffic fell',
  default: '10',
  parse: (raw, label) => parseInteger(label, raw, { min: 0, max: 1440 }),
});
