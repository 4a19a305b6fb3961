/**
 * AWS commercial regions the harness can price, and where the Price List API is served:
 * only us-east-1, eu-central-1 and ap-south-1 host it; any region's prices are queried there.
 */
import { UsageError } from '../errors.ts';
import { closeMatches } from './instance-types.ts';

export const knownRegions: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'ca-central-1', 'ca-west-1', 'mx-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2',
  'eu-north-1', 'eu-south-1', 'eu-south-2',
  'af-south-1', 'il-central-1', 'me-south-1', 'me-central-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
];

export const priceListEndpointRegions = ['us-east-1', 'eu-central-1', 'ap-south-1'] as const;
export type PriceListEndpointRegion = (typeof priceListEndpointRegions)[number];

/** A UsageError naming the closest known regions when `region` is not one. */
export function assertKnownRegion(region: string): void {
  if (knownRegions.includes(region)) return;
  throw new UsageError(`unknown AWS region '${region}' (did you mean ${closeMatches(region, knownRegions).join(', ')}?)`);
}

/** The nearest Price List API endpoint for a region's prices (latency only: every endpoint serves every region). */
export function priceListEndpointRegion(region: string): PriceListEndpointRegion {
  if (/^(eu|me|af|il)-/.test(region)) return 'eu-central-1';
  if (/^ap-/.test(region)) return 'ap-south-1';
  return 'us-east-1';
}
