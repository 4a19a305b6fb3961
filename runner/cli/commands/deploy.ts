/**
 * `lmi-bench deploy`: put the bench stack of a plan in the AWS account and leave it there
 * (`lmi-bench destroy --run-id … --yes` removes it). Takes the bench options that shape the
 * stack (workload, runtime, memory, LMI settings, instance type, region, run id) and:
 *   --front-door function-url|http-api   (default function-url)
 *   --subnet-ids ID,ID  --security-group-ids ID,ID   (an existing network instead of a new VPC)
 */
import { ExitCode, UsageError } from '../../errors.ts';
import { buildPlan } from '../../plan/build-plan.ts';
import { planVariants } from '../../plan/variants.ts';
import { loadPriceBook } from '../../pricing/load-price-book.ts';
import { instanceShape } from '../../pricing/instance-types.ts';
import { lmiCost } from '../../cost/lmi-cost.ts';
import { AwsTarget } from '../../target/aws/aws-target.ts';
import { requireAwsParts } from '../../target/aws/aws-parts.ts';
import { checkPlanCredentials } from '../../target/aws/caller-identity.ts';
import { minimumInstances } from '../../target/aws/spend-guard.ts';
import { defaultBenchMaxSpendUsd } from '../../target/aws/spend-defaults.ts';
import type { FrontDoorKind } from '../../../infra/naming.ts';
import { flagHelp, readFlags, valueFlag } from '../flag-reader.ts';
import { parseWordList } from '../values.ts';
import { benchFlags } from './bench-flags.ts';

const frontDoors: readonly FrontDoorKind[] = ['function-url', 'http-api'];

// The bench flags that shape the stack (the target is AWS by definition), and deploy's own.
const { target: _target, 'plan-only': _planOnly, ...stackFlags } = benchFlags;
export const deployFlags = {
  ...stackFlags,
  'front-door': valueFlag({
    value: 'function-url|http-api',
    help: 'how the functions are reached',
    default: 'function-url',
    parse: (raw, label): FrontDoorKind => {
      const kind = frontDoors.find((door) => door === raw.trim());
      if (!kind) throw new UsageError(`${label} must be function-url or http-api, got '${raw}'`);
      return kind;
    },
  }),
  'subnet-ids': valueFlag({ value: 'IDS', help: 'an existing network instead of a new VPC: subnet ids (with --security-group-ids)', parse: (raw, label) => parseWordList(label, raw) }),
  'security-group-ids': valueFlag({ value: 'IDS', help: 'security group ids for --subnet-ids', parse: (raw, label) => parseWordList(label, raw) }),
};

const help = `usage: lmi-bench deploy [bench options] [--front-door function-url|http-api] [--subnet-ids IDS --security-group-ids IDS]

Deploys the bench stack of the plan the bench options describe to AWS and keeps it. Prints
each variant's URL and the command that removes the stack.

options:
${flagHelp(deployFlags)}`;

export async function run(argv: string[]): Promise<number> {
  const line = readFlags(argv, deployFlags, { positional: 'workload' });
  if (line.help) {
    process.stdout.write(help + '\n');
    return ExitCode.ok;
  }
  requireAwsParts('deploy');
  const frontDoor = line.values['front-door'];
  const subnetIds = line.values['subnet-ids'] ?? [];
  const securityGroupIds = line.values['security-group-ids'] ?? [];
  if ((subnetIds.length > 0) !== (securityGroupIds.length > 0)) throw new UsageError('--subnet-ids and --security-group-ids go together');

  const planned = await buildPlan(
    { options: { ...line.values, target: 'aws', 'plan-only': false }, given: (name) => name !== 'target' && name !== 'plan-only' && line.given(name), label: (name) => line.label(name as keyof typeof deployFlags) },
    process.env,
  );
  const plan = { ...planned, aws: { keep: true, maxSpendUsd: planned.aws?.maxSpendUsd ?? defaultBenchMaxSpendUsd } };
  // Before the run folder is made and cdk runs: bad credentials are one line, nothing left.
  await checkPlanCredentials(plan);
  const variants = planVariants(plan);
  const log = (line: string): void => {
    process.stderr.write(line + '\n');
  };
  const target = new AwsTarget(plan, {
    frontDoor,
    ...(subnetIds.length > 0 ? { network: { subnetIds, securityGroupIds } } : {}),
    variants,
    log,
    beforeDeploy: async (credentials) => {
      const lmiVariants = variants.filter((v) => v.mode === 'lmi');
      if (lmiVariants.length === 0) return;
      const prices = await loadPriceBook({ region: plan.region, offline: plan.pricing.offline, credentials });
      const instance = instanceShape(plan.lmi.instanceType);
      const instances = minimumInstances(plan, lmiVariants, instance.vcpus);
      const hourly = lmiCost({ instanceType: instance.instanceType, instances, hours: 1, requests: 0, discount: plan.pricing.lmiDiscount }, prices);
      log(
        `lmi-bench: while deployed, the LMI minimum fleet (${instances} × ${instance.instanceType}) costs $${hourly.totalUsd.toFixed(3)}/h ` +
          `(EC2 $${hourly.ec2Usd.toFixed(3)} + management fee $${hourly.managementFeeUsd.toFixed(3)}; prices as of ${prices.provenance.asOf}), plus the NAT gateway`,
      );
    },
  });
  await target.start();
  const outputs = await Promise.all(variants.map((variant) => target.deploy(variant)));
  for (const deployed of outputs) process.stdout.write(`${deployed.variant.id}\t${deployed.functionName}\t${deployed.url}\n`);
  process.stdout.write(`stack ${target.stackName} deployed (outputs: ${target.outputsPath}); remove it with: lmi-bench destroy --run-id ${plan.runId} --region ${plan.region} --yes\n`);
  return ExitCode.ok;
}
