/**
 * EC2 on-demand Linux prices from AmazonEC2 GetProducts documents (filters as in
 * docs/lmi-facts.md "Price List API"). The filter is re-checked here so that a document set that
 * holds other operating systems, tenancies or capacity states cannot leak a wrong price.
 */
import { parsePriceListEntry, usageTypeBase, type PriceListProduct } from './price-list-document.ts';

export interface Ec2OnDemandPrice {
  instanceType: string;
  usdPerHour: number;
  /** From the product attributes, when present. */
  vcpus: number | undefined;
  memoryGiB: number | undefined;
  physicalProcessor: string | undefined;
  sku: string;
  publicationDate: string | undefined;
}

const requiredAttributes: Record<string, string> = {
  operatingSystem: 'Linux',
  tenancy: 'Shared',
  preInstalledSw: 'NA',
  capacitystatus: 'Used',
  licenseModel: 'No License required',
};

export function parseEc2OnDemand(priceList: readonly string[], region: string): Map<string, Ec2OnDemandPrice> {
  const prices = new Map<string, Ec2OnDemandPrice>();
  for (const entry of priceList) {
    const product = parsePriceListEntry(entry);
    if (!isOnDemandLinuxInstance(product, region)) continue;
    const instanceType = product.attributes['instanceType'] ?? '';
    const hourly = product.onDemand.filter((d) => d.unit === 'Hrs');
    const first = hourly[0];
    if (!first || hourly.some((d) => d.usd !== first.usd)) {
      throw new Error(`EC2 product ${product.sku} (${instanceType}, ${region}) has ${hourly.length} hourly prices, expected exactly one`);
    }
    const existing = prices.get(instanceType);
    if (existing && existing.usdPerHour !== first.usd) {
      throw new Error(`EC2 ${instanceType} in ${region}: two on-demand Linux prices (${existing.usdPerHour} in ${existing.sku}, ${first.usd} in ${product.sku})`);
    }
    prices.set(instanceType, {
      instanceType,
      usdPerHour: first.usd,
      vcpus: positiveNumber(product.attributes['vcpu']),
      memoryGiB: positiveNumber(product.attributes['memory']?.replace(/\s*GiB$/i, '').replace(/,/g, '')),
      physicalProcessor: product.attributes['physicalProcessor'],
      sku: product.sku,
      publicationDate: product.publicationDate,
    });
  }
  return prices;
}

function isOnDemandLinuxInstance(product: PriceListProduct, region: string): boolean {
  const a = product.attributes;
  if (product.serviceCode !== 'AmazonEC2' || !a['instanceType'] || a['regionCode'] !== region) return false;
  if (!Object.entries(requiredAttributes).every(([key, value]) => a[key] === value)) return false;
  // BoxUsage is the instance-hour line; the same filter can also match e.g. host or spot-block lines.
  const usageType = a['usagetype'];
  return usageType === undefined || usageTypeBase(usageType).startsWith('BoxUsage:');
}

function positiveNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
