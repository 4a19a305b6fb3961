/**
 * One entry of a Price List API GetProducts `PriceList` array: a JSON string describing a
 * product, its attributes and its terms. The committed snapshot stores the same strings, so
 * this is the single place that knows the document shape.
 */

export interface PriceDimension {
  unit: string;
  description: string;
  beginRange: string | undefined;
  endRange: string | undefined;
  usd: number;
}

export interface PriceListProduct {
  sku: string;
  serviceCode: string;
  productFamily: string | undefined;
  attributes: Record<string, string>;
  publicationDate: string | undefined;
  /** Every OnDemand price dimension of every OnDemand offer of the product. */
  onDemand: PriceDimension[];
}

/** Parses one PriceList entry; a malformed entry is an error naming the SKU when it has one. */
export function parsePriceListEntry(entry: string): PriceListProduct {
  let doc: unknown;
  try {
    doc = JSON.parse(entry);
  } catch {
    throw new Error(`price list entry is not JSON: ${entry.slice(0, 80)}`);
  }
  const root = asRecord(doc, 'price list entry');
  const product = asRecord(root['product'], 'product');
  const sku = typeof product['sku'] === 'string' ? product['sku'] : undefined;
  const where = `price list product ${sku ?? '(no sku)'}`;
  if (!sku) throw new Error(`${where}: missing product.sku`);
  const attributes = asRecord(product['attributes'], `${where} attributes`);
  const stringAttributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes)) if (typeof value === 'string') stringAttributes[key] = value;
  const serviceCode = typeof root['serviceCode'] === 'string' ? root['serviceCode'] : (stringAttributes['servicecode'] ?? '');
  return {
    sku,
    serviceCode,
    productFamily: typeof product['productFamily'] === 'string' ? product['productFamily'] : undefined,
    attributes: stringAttributes,
    publicationDate: typeof root['publicationDate'] === 'string' ? root['publicationDate'] : undefined,
    onDemand: onDemandDimensions(root['terms'], where),
  };
}

function onDemandDimensions(terms: unknown, where: string): PriceDimension[] {
  if (terms === undefined) return [];
  const onDemand = asRecord(terms, `${where} terms`)['OnDemand'];
  if (onDemand === undefined) return [];
  const dimensions: PriceDimension[] = [];
  for (const offer of Object.values(asRecord(onDemand, `${where} terms.OnDemand`))) {
    const priceDimensions = asRecord(asRecord(offer, `${where} offer`)['priceDimensions'], `${where} priceDimensions`);
    for (const raw of Object.values(priceDimensions)) {
      const dim = asRecord(raw, `${where} price dimension`);
      const usdText = asRecord(dim['pricePerUnit'], `${where} pricePerUnit`)['USD'];
      const usd = typeof usdText === 'string' ? Number(usdText) : Number.NaN;
      if (!Number.isFinite(usd) || usd < 0) throw new Error(`${where}: pricePerUnit.USD is not a price (${String(usdText)})`);
      dimensions.push({
        unit: typeof dim['unit'] === 'string' ? dim['unit'] : '',
        description: typeof dim['description'] === 'string' ? dim['description'] : '',
        beginRange: typeof dim['beginRange'] === 'string' ? dim['beginRange'] : undefined,
        endRange: typeof dim['endRange'] === 'string' ? dim['endRange'] : undefined,
        usd,
      });
    }
  }
  return dimensions;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/**
 * Region prefix of a usagetype (`USE2-Request` → `USE2-`, `Request` → ``). The Price List
 * prefixes usage types of every region but us-east-1 with an upper-case region code.
 */
export function usageTypePrefix(usageType: string): string {
  return /^[A-Z]{2,4}\d*-/.exec(usageType)?.[0] ?? '';
}

/** The usagetype without its region prefix. */
export function usageTypeBase(usageType: string): string {
  return usageType.slice(usageTypePrefix(usageType).length);
}
