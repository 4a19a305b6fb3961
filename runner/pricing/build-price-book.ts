/**
 * The one path from Price List documents to a PriceBook, used for API responses and for the
 * committed snapshot alike.
 */
import { instanceCatalog } from './instance-types.ts';
import type { InstancePrice, PriceBook } from './price-book.ts';
import { parseEc2OnDemand, type Ec2OnDemandPrice } from './parse-ec2.ts';
import { decimalUsd, parseLambdaPrices } from './parse-lambda.ts';
import type { Architecture, PriceProvenance } from '../domain.ts';

/** docs/lmi-facts.md: the management fee is 15% of the instance's on-demand price. */
export const derivedManagementFeeFraction = 0.15;

export interface PriceDocuments {
  /** AmazonEC2 GetProducts PriceList entries (JSON strings). */
  ec2: readonly string[];
  /** AWSLambda GetProducts PriceList entries (JSON strings). */
  lambda: readonly string[];
}

export function buildPriceBook(input: {
  region: string;
  documents: PriceDocuments;
  provenance: PriceProvenance;
  freeTier: { requests: number; gbSeconds: number };
}): PriceBook {
  const { region, documents } = input;
  const lambda = parseLambdaPrices(documents.lambda, region);
  const ec2 = parseEc2OnDemand(documents.ec2, region);
  const instances: Record<string, InstancePrice> = {};
  const derived: string[] = [];
  for (const price of [...ec2.values()].sort((a, b) => a.instanceType.localeCompare(b.instanceType))) {
    const shape = instanceShapeOf(price);
    if (!shape) continue;
    const listedFee = lambda.managementFeeUsdPerHour.get(price.instanceType);
    if (listedFee === undefined) derived.push(price.instanceType);
    instances[price.instanceType] = {
      instanceType: price.instanceType,
      ...shape,
      onDemandUsdPerHour: price.usdPerHour,
      managementFeeUsdPerHour: listedFee ?? decimalUsd(price.usdPerHour * derivedManagementFeeFraction),
      managementFeeSource: listedFee === undefined ? 'derived' : 'price-list',
    };
  }
  if (Object.keys(instances).length === 0) throw new Error(`the EC2 price list for ${region} has no on-demand Linux instance prices`);
  const notes = [...(input.provenance.notes ?? [])];
  if (derived.length > 0) {
    notes.push(
      `LMI management fee derived as ${derivedManagementFeeFraction * 100}% of the on-demand price for ${derived.length} instance type(s) ` +
        `with no management-fee product in the price list (${derived.length === Object.keys(instances).length ? 'all priced types' : derived.join(', ')})`,
    );
  }
  notes.push('LMI request price taken from the Lambda x86_64 request price (the price list has no separate LMI request product)');
  return {
    region,
    provenance: { ...input.provenance, notes },
    lambda: lambda.lambda,
    lmiRequestUsdPerMillion: lambda.lambda.x86_64.requestUsdPerMillion,
    ephemeralStorageUsdPerGbSecond: lambda.ephemeralStorageUsdPerGbSecond,
    freeTier: { ...input.freeTier },
    instances,
  };
}

/** Shape from the committed catalog, else from the product's own attributes (Graviton = arm64). */
function instanceShapeOf(price: Ec2OnDemandPrice): { vcpus: number; memoryGiB: number; architecture: Architecture } | undefined {
  const known = instanceCatalog().get(price.instanceType);
  if (known) return { vcpus: known.vcpus, memoryGiB: known.memoryGiB, architecture: known.architecture };
  if (price.vcpus === undefined || price.memoryGiB === undefined) return undefined;
  const architecture: Architecture = /graviton/i.test(price.physicalProcessor ?? '') ? 'arm64' : 'x86_64';
  return { vcpus: price.vcpus, memoryGiB: price.memoryGiB, architecture };
}
