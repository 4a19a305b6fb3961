/**
 * Lambda prices from AWSLambda GetProducts documents: GB-second volume tiers and request
 * prices per architecture, ephemeral storage, and LMI management fees per instance type.
 * Products are recognised by usagetype without its region prefix (us-east-1 has none,
 * other regions prefix it, e.g. `USE2-Lambda-GB-Second-ARM`), falling back to the group.
 */
import type { LambdaPrices, PriceTier } from './price-book.ts';
import { parsePriceListEntry, usageTypeBase, usageTypePrefix, type PriceDimension, type PriceListProduct } from './price-list-document.ts';
import type { Architecture } from '../domain.ts';

export interface ParsedLambdaPrices {
  lambda: Record<Architecture, LambdaPrices>;
  ephemeralStorageUsdPerGbSecond: number;
  /** LMI management fee per instance-hour, by instance type, for the types the price list has. */
  managementFeeUsdPerHour: Map<string, number>;
  /** The region's usagetype prefix as seen on the request product ('' for us-east-1). */
  usageTypePrefix: string;
  latestPublicationDate: string | undefined;
}

type Kind =
  | { kind: 'duration'; architecture: Architecture }
  | { kind: 'requests'; architecture: Architecture }
  | { kind: 'storage'; architecture: Architecture }
  | { kind: 'management-fee'; instanceType: string }
  | { kind: 'other' };

export function classifyLambdaProduct(product: PriceListProduct): Kind {
  const a = product.attributes;
  const instanceType = a['lambdaManagedInstanceType'];
  const usageType = a['usagetype'] ?? '';
  if (instanceType && usageType.includes('Management-Hours')) return { kind: 'management-fee', instanceType };
  const base = usageTypeBase(usageType);
  const group = a['group'] ?? '';
  const arch = (arm: boolean): Architecture => (arm ? 'arm64' : 'x86_64');
  let m = /^Lambda-GB-Second(-ARM)?$/.exec(base) ?? (usageType ? null : /^AWS-Lambda-Duration(-ARM)?$/.exec(group));
  if (m) return { kind: 'duration', architecture: arch(m[1] !== undefined) };
  m = /^Request(-ARM)?$/.exec(base) ?? (usageType ? null : /^AWS-Lambda-Requests(-ARM)?$/.exec(group));
  if (m) return { kind: 'requests', architecture: arch(m[1] !== undefined) };
  // The storage usagetype's exact spelling is unverified (no live capture was possible), so it is matched loosely.
  m = /^Lambda-(?:Ephemeral-)?Storage-GB-Seconds?(-ARM)?$/i.exec(base) ?? /^AWS-Lambda-(?:Ephemeral-)?Storage-Duration(-ARM)?$/i.exec(group);
  if (m) return { kind: 'storage', architecture: arch(m[1] !== undefined) };
  return { kind: 'other' };
}

export function parseLambdaPrices(priceList: readonly string[], region: string): ParsedLambdaPrices {
  const tiers = new Map<Architecture, PriceTier[]>();
  const requestUsd = new Map<Architecture, number>();
  const storageUsd = new Map<Architecture, number>();
  const fees = new Map<string, number>();
  let prefix: string | undefined;
  let latest: string | undefined;
  for (const entry of priceList) {
    const product = parsePriceListEntry(entry);
    if (product.serviceCode !== 'AWSLambda' || product.attributes['regionCode'] !== region) continue;
    const kind = classifyLambdaProduct(product);
    if (kind.kind === 'other') continue;
    if (product.publicationDate && (!latest || product.publicationDate > latest)) latest = product.publicationDate;
    const where = `Lambda product ${product.sku} (${product.attributes['usagetype'] ?? product.attributes['group'] ?? '?'}, ${region})`;
    switch (kind.kind) {
      case 'duration':
        setOnce(tiers, kind.architecture, toTiers(product.onDemand, where), where, sameTiers);
        break;
      case 'requests':
        prefix ??= usageTypePrefix(product.attributes['usagetype'] ?? '');
        setOnce(requestUsd, kind.architecture, decimalUsd(singlePrice(product.onDemand, where) * 1_000_000), where);
        break;
      case 'storage':
        setOnce(storageUsd, kind.architecture, singlePrice(product.onDemand, where), where);
        break;
      case 'management-fee':
        setOnce(fees, kind.instanceType, singlePrice(product.onDemand, where), where);
        break;
    }
  }
  const missing: string[] = [];
  for (const architecture of ['x86_64', 'arm64'] as const) {
    if (!tiers.has(architecture)) missing.push(`GB-second prices (${architecture})`);
    if (!requestUsd.has(architecture)) missing.push(`request price (${architecture})`);
  }
  const storage = storageUsd.get('x86_64') ?? storageUsd.get('arm64');
  if (storage === undefined) missing.push('ephemeral storage price');
  if (missing.length > 0 || storage === undefined) {
    throw new Error(`Lambda price list for ${region} has no ${missing.join(', ')}`);
  }
  const lambdaFor = (architecture: Architecture): LambdaPrices => ({
    gbSecondTiers: tiers.get(architecture) ?? [],
    requestUsdPerMillion: requestUsd.get(architecture) ?? 0,
  });
  return {
    lambda: { x86_64: lambdaFor('x86_64'), arm64: lambdaFor('arm64') },
    ephemeralStorageUsdPerGbSecond: storage,
    managementFeeUsdPerHour: fees,
    usageTypePrefix: prefix ?? '',
    latestPublicationDate: latest,
  };
}

/** Volume tiers from priceDimensions with beginRange/endRange ('Inf' for the open tier). */
export function toTiers(dimensions: readonly PriceDimension[], where: string): PriceTier[] {
  if (dimensions.length === 0) throw new Error(`${where}: no OnDemand price dimensions`);
  const ranged = dimensions.map((d) => ({
    begin: d.beginRange === undefined ? 0 : Number(d.beginRange),
    end: d.endRange === undefined || d.endRange === 'Inf' ? Number.POSITIVE_INFINITY : Number(d.endRange),
    usd: d.usd,
  }));
  ranged.sort((a, b) => a.begin - b.begin);
  let expectedBegin = 0;
  for (const r of ranged) {
    if (!Number.isFinite(r.begin) || Number.isNaN(r.end) || r.begin !== expectedBegin || r.end <= r.begin) {
      throw new Error(`${where}: price tiers are not contiguous from 0 (tier starting at ${r.begin}, expected ${expectedBegin})`);
    }
    expectedBegin = r.end;
  }
  if (expectedBegin !== Number.POSITIVE_INFINITY) throw new Error(`${where}: the last price tier is not open-ended`);
  return ranged.map((r) => ({ upToGbSeconds: Number.isFinite(r.end) ? r.end : null, usdPerGbSecond: r.usd }));
}

/** Drops binary floating-point noise from a product of decimal prices (0.0000002 × 1e6 = 0.2, not 0.19999999999999998). */
export function decimalUsd(value: number): number {
  return Number(value.toPrecision(12));
}

function singlePrice(dimensions: readonly PriceDimension[], where: string): number {
  const first = dimensions[0];
  if (!first || dimensions.some((d) => d.usd !== first.usd)) {
    throw new Error(`${where}: expected one price, found ${dimensions.length} different dimensions`);
  }
  return first.usd;
}

function setOnce<K, V>(map: Map<K, V>, key: K, value: V, where: string, same: (a: V, b: V) => boolean = Object.is): void {
  const existing = map.get(key);
  if (existing !== undefined && !same(existing, value)) throw new Error(`${where}: conflicts with another product for ${String(key)}`);
  map.set(key, value);
}

function sameTiers(a: PriceTier[], b: PriceTier[]): boolean {
  return a.length === b.length && a.every((t, i) => t.upToGbSeconds === b[i]?.upToGbSeconds && t.usdPerGbSecond === b[i]?.usdPerGbSecond);
}
