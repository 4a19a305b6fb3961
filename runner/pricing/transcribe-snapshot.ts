/**
 * Builds the offline snapshot from data/price-snapshot/transcription.json, the hand-made table
 * of published AWS prices, writing them as GetProducts documents in the API's own format so
 * that the snapshot goes through the same parser as a live response. The SKUs it writes are
 * synthetic (a hash of region and usagetype); metadata.json says so.
 *
 *   node --import ./runner/system/typescript-register.mjs runner/pricing/transcribe-snapshot.ts
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PriceDocuments } from './build-price-book.ts';
import { instanceShape } from './instance-types.ts';
import { defaultSnapshotDir, writeSnapshot, type FreeTier, type SnapshotMetadata } from './snapshot.ts';
import type { Architecture } from '../domain.ts';

interface TranscribedRegion {
  location: string;
  usageTypePrefix: string;
  pricesAsOf: string;
  notes?: string[];
  lambda: Record<Architecture, { gbSecondTiers: [string, string, string][]; requestUsd: string }> & {
    ephemeralStorageUsdPerGbSecond: string;
    source: string;
  };
  ec2: Record<string, { usdPerHour: string; basis: string; source: string }>;
}

interface Transcription {
  compiledOn: string;
  freeTier: FreeTier;
  managementFees: string;
  regions: Record<string, TranscribedRegion>;
}

const onDemandTerm = 'JRTCKXETXF';
const rateSuffix = '6YS6EN2CT7';

export function transcribeSnapshot(transcription: Transcription): { metadata: SnapshotMetadata; documents: Record<string, PriceDocuments> } {
  const documents: Record<string, PriceDocuments> = {};
  const metadata: SnapshotMetadata = {
    method: 'transcription',
    compiledOn: transcription.compiledOn,
    howMade:
      'Transcribed by hand from published AWS prices (sources per product below) into the GetProducts response format, ' +
      'because no AWS account or internet access was available. It is not a capture: SKUs are synthetic, product attributes ' +
      'follow the documented Price List shape, and only the attributes the parser reads are filled in. ' +
      transcription.managementFees,
    freeTier: transcription.freeTier,
    regions: {},
  };
  for (const [region, t] of Object.entries(transcription.regions)) {
    const publicationDate = `${t.pricesAsOf}T00:00:00Z`;
    const lambda: string[] = [];
    const products: Record<string, { basis: string; source: string }> = {};
    for (const architecture of ['x86_64', 'arm64'] as const) {
      const arm = architecture === 'arm64' ? '-ARM' : '';
      const prices = t.lambda[architecture];
      lambda.push(
        lambdaProduct(region, t, `AWS-Lambda-Duration${arm}`, `Lambda-GB-Second${arm}`, 'Lambda-GB-Second', publicationDate,
          prices.gbSecondTiers.map(([begin, end, usd]) => ({ begin, end, usd }))),
        lambdaProduct(region, t, `AWS-Lambda-Requests${arm}`, `Request${arm}`, 'Requests', publicationDate, [{ usd: prices.requestUsd }]),
        lambdaProduct(region, t, `AWS-Lambda-Storage-Duration${arm}`, `Lambda-Storage-GB-Second${arm}`, 'GB-Seconds', publicationDate,
          [{ usd: t.lambda.ephemeralStorageUsdPerGbSecond }]),
      );
    }
    products['lambda'] = { basis: 'listed', source: t.lambda.source };
    const ec2: string[] = [];
    for (const [instanceType, price] of Object.entries(t.ec2)) {
      ec2.push(ec2Product(region, t, instanceType, price.usdPerHour, publicationDate));
      products[instanceType] = { basis: price.basis, source: price.source };
    }
    documents[region] = { ec2, lambda };
    metadata.regions[region] = {
      asOf: t.pricesAsOf,
      ec2File: `${region}/AmazonEC2.json`,
      lambdaFile: `${region}/AWSLambda.json`,
      notes: t.notes ?? [],
      products,
    };
  }
  return { metadata, documents };
}

function sku(...parts: string[]): string {
  const base32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...createHash('sha256').update(parts.join('|')).digest().subarray(0, 16)].map((b) => base32[b % 32]).join('');
}

function onDemandTerms(productSku: string, unit: string, descriptionOf: (d: { begin?: string; end?: string }) => string,
  dimensions: Array<{ begin?: string; end?: string; usd: string }>, effectiveDate: string): unknown {
  const priceDimensions: Record<string, unknown> = {};
  dimensions.forEach((d, i) => {
    const rateCode = `${productSku}.${onDemandTerm}.${i === 0 ? rateSuffix : sku(productSku, String(i)).slice(0, 10)}`;
    priceDimensions[rateCode] = {
      unit,
      endRange: d.end ?? 'Inf',
      description: descriptionOf(d),
      appliesTo: [],
      rateCode,
      beginRange: d.begin ?? '0',
      pricePerUnit: { USD: d.usd },
    };
  });
  return { OnDemand: { [`${productSku}.${onDemandTerm}`]: { priceDimensions, sku: productSku, effectiveDate, offerTermCode: onDemandTerm, termAttributes: {} } } };
}

function lambdaProduct(region: string, t: TranscribedRegion, group: string, usageType: string, unit: string, publicationDate: string,
  dimensions: Array<{ begin?: string; end?: string; usd: string }>): string {
  const productSku = sku(region, t.usageTypePrefix + usageType);
  return JSON.stringify({
    product: {
      productFamily: 'Serverless',
      attributes: {
        regionCode: region,
        servicecode: 'AWSLambda',
        usagetype: t.usageTypePrefix + usageType,
        locationType: 'AWS Region',
        location: t.location,
        servicename: 'AWS Lambda',
        operation: '',
        group,
      },
      sku: productSku,
    },
    serviceCode: 'AWSLambda',
    terms: onDemandTerms(productSku, unit, (d) => `AWS Lambda - ${group} - ${t.location} ${d.begin ?? '0'} - ${d.end ?? 'Inf'}`, dimensions, publicationDate),
    version: t.pricesAsOf.replaceAll('-', ''),
    publicationDate,
  });
}

/**
 * The processor EC2 lists per family: the parser reads the architecture from it (Graviton is
 * arm64). Keyed by generation and vendor letter; a family not listed here is refused.
 */
const processors: Record<string, string> = {
  '6g': 'AWS Graviton2 Processor',
  '7g': 'AWS Graviton3 Processor',
  '8g': 'AWS Graviton4 Processor',
  '6i': 'Intel Xeon 8375C (Ice Lake)',
  '7i': 'Intel Xeon Scalable (Sapphire Rapids)',
  '8i': 'Intel Xeon 6 (Granite Rapids)',
  '6a': 'AMD EPYC 7R13 Processor',
  '7a': 'AMD EPYC 9R14 Processor',
  '8a': 'AMD EPYC 9R45 Processor',
};

function physicalProcessor(instanceType: string): string {
  const key = /^[a-z](\d[a-z])\./.exec(instanceType)?.[1];
  const processor = key === undefined ? undefined : processors[key];
  if (processor === undefined) throw new Error(`no processor listed for ${instanceType}: add its family to the processors table`);
  return processor;
}

function ec2Product(region: string, t: TranscribedRegion, instanceType: string, usdPerHour: string, publicationDate: string): string {
  const shape = instanceShape(instanceType);
  const usageType = `${t.usageTypePrefix}BoxUsage:${instanceType}`;
  const productSku = sku(region, usageType);
  const usd = Number(usdPerHour).toFixed(10);
  return JSON.stringify({
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        regionCode: region,
        servicecode: 'AmazonEC2',
        location: t.location,
        locationType: 'AWS Region',
        instanceType,
        instanceFamily: /^c/.test(instanceType) ? 'Compute optimized' : /^r/.test(instanceType) ? 'Memory optimized' : 'General purpose',
        vcpu: String(shape.vcpus),
        memory: `${shape.memoryGiB} GiB`,
        physicalProcessor: physicalProcessor(instanceType),
        tenancy: 'Shared',
        operatingSystem: 'Linux',
        licenseModel: 'No License required',
        usagetype: usageType,
        operation: 'RunInstances',
        capacitystatus: 'Used',
        preInstalledSw: 'NA',
        servicename: 'Amazon Elastic Compute Cloud',
      },
      sku: productSku,
    },
    serviceCode: 'AmazonEC2',
    terms: onDemandTerms(productSku, 'Hrs', () => `$${usdPerHour} per On Demand Linux ${instanceType} Instance Hour`, [{ usd }], publicationDate),
    version: t.pricesAsOf.replaceAll('-', ''),
    publicationDate,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const transcription = JSON.parse(readFileSync(join(defaultSnapshotDir, 'transcription.json'), 'utf8')) as Transcription;
  const { metadata, documents } = transcribeSnapshot(transcription);
  await writeSnapshot(defaultSnapshotDir, metadata, documents);
  process.stdout.write(`wrote the price snapshot for ${Object.keys(metadata.regions).join(', ')} to ${defaultSnapshotDir}\n`);
}
